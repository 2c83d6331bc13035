import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface Comment {
  id: number;
  body: string;
  html_url: string;
}

/**
 * A local server speaking the part of GitHub's REST API the action uses for its pull request comment: list,
 * create and update issue comments. `forbidden` answers every call as GitHub does for a read-only token.
 */
export class FakeGitHub {
  readonly comments: Comment[] = [];
  readonly requests: { method: string; path: string; auth?: string }[] = [];
  forbidden = false;
  /** The job's deployment environment, as the OIDC token's claim; undefined: the job is bound to none. */
  jobEnvironment?: string;
  /** Environments of the repository and the types of their protection rules. */
  environments: Record<string, string[]> = {};
  private server?: Server;
  private nextId = 1000;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
    const path = new URL(req.url!, 'http://x').pathname;
    this.requests.push({ method: req.method!, path, auth: req.headers.authorization });
    const send = (status: number, data: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(data));
    };
    if (req.method === 'GET' && path === '/oidc/token') {
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const claims = {
        iss: 'https://token.actions.githubusercontent.com',
        aud: new URL(req.url!, 'http://x').searchParams.get('audience') ?? '',
        repository: 'acme/shop',
        ...(this.jobEnvironment ? { environment: this.jobEnvironment } : {}),
      };
      return send(200, { value: `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.signature` });
    }
    let env;
    if (req.method === 'GET' && (env = /^\/repos\/[^/]+\/[^/]+\/environments\/([^/]+)$/.exec(path))) {
      const rules = this.environments[decodeURIComponent(env[1])];
      if (!rules) return send(404, { message: 'Not Found' });
      return send(200, { name: env[1], protection_rules: rules.map((type, i) => ({ id: i + 1, type })) });
    }
    if (this.forbidden)
      return send(403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest',
      });
    let m;
    if (req.method === 'GET' && (m = /^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/.exec(path)))
      return send(200, this.comments);
    if (req.method === 'POST' && (m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path))) {
      const comment = {
        id: this.nextId++,
        body: body.body,
        html_url: `https://github.com/${m[1]}/${m[2]}/pull/${m[3]}#issuecomment-${this.nextId}`,
      };
      this.comments.push(comment);
      return send(201, comment);
    }
    if (req.method === 'PATCH' && (m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path))) {
      const comment = this.comments.find((c) => c.id === Number(m![1]));
      if (!comment) return send(404, { message: 'Not Found' });
      comment.body = body.body;
      return send(200, comment);
    }
    send(404, { message: 'Not Found' });
  }
}

/** A pull_request event payload as GitHub writes it to $GITHUB_EVENT_PATH (the fields the toolkit reads). */
export function pullRequestEvent(number: number) {
  return {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      state: 'open',
      base: { ref: 'main' },
      head: { ref: 'feature' },
      html_url: `https://github.com/acme/shop/pull/${number}`,
    },
    repository: { name: 'shop', full_name: 'acme/shop', owner: { login: 'acme' } },
    sender: { login: 'octocat' },
  };
}

/** Runner variables for the OIDC token endpoint of a FakeGitHub at `api`. */
export function oidcEnv(api: string): Record<string, string> {
  return {
    ACTIONS_ID_TOKEN_REQUEST_URL: `${api}/oidc/token?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token',
  };
}
