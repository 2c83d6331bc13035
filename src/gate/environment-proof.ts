import { InputError } from '../foundation/errors.js';

/** The claims of a job's OIDC token that the gate reads. */
export interface JobClaims {
  environment?: string;
  repository?: string;
  ref?: string;
  job_workflow_ref?: string;
}

/** Reads the claims of a JWT without verifying it: the token comes straight from the runner's OIDC service. */
export function claimsOf(token: string): JobClaims {
  const part = token.split('.')[1];
  if (!part) throw new InputError(['environment: the OIDC token from the runner is not a JWT']);
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as JobClaims;
}

/** What the gate needs from the world: the job's OIDC token and the environment's protection rules. */
export interface GateSeams {
  idToken(): Promise<string>;
  /** Rule types of the environment (required_reviewers, wait_timer, branch_policy, …). */
  protectionRules(environment: string): Promise<string[]>;
}

/**
 * Proves the job is bound to the named deployment environment and that the environment is protected, before
 * the database is touched. Every failure says what to add to the workflow.
 */
export async function proveEnvironment(environment: string | undefined, seams: GateSeams): Promise<string> {
  if (!environment) {
    throw new InputError([
      "environment: apply and restore change a production database, so they run only in a job bound to a protected deployment environment. Add environment: production to the job and to this step's inputs (environment: production), or set allow-ungated: true for a database that needs no gate",
    ]);
  }
  let token: string;
  try {
    token = await seams.idToken();
  } catch (cause) {
    throw new InputError(
      [
        `environment: the job's OIDC token is not available (${(cause as Error).message}); add permissions: id-token: write to the job`,
      ],
      { cause },
    );
  }
  const bound = claimsOf(token).environment;
  if (!bound)
    throw new InputError([
      `environment: this job is not bound to a deployment environment; add environment: ${environment} to the job`,
    ]);
  if (bound !== environment) {
    throw new InputError([
      `environment: this job is bound to the environment '${bound}', not '${environment}'; bind the job to ${environment} (environment: ${environment}) or correct the input`,
    ]);
  }
  let rules: string[];
  try {
    rules = await seams.protectionRules(environment);
  } catch (cause) {
    throw new InputError(
      [
        `environment: could not read the protection rules of '${environment}' (${(cause as Error).message}); give the token permissions: actions: read`,
      ],
      { cause },
    );
  }
  const gates = rules.filter((r) => r !== 'branch_policy');
  if (!gates.length) {
    throw new InputError([
      `environment: '${environment}' has no protection rule, so anyone who can push can run this job (GitHub creates a mistyped environment without protection); add required reviewers or a wait timer under Settings → Environments → ${environment}`,
    ]);
  }
  return `job bound to the protected environment '${environment}' (${gates.join(', ')}), proven with its OIDC token`;
}
