import { spawn } from 'node:child_process';
import { ConnStringError } from '../../src/connection/conn-string.js';
import { resolveConnString } from '../../src/connection/resolve.js';
import { connect } from '../../src/db/session/connect.js';
import { psqlBinary } from './psql.js';

/**
 * One connection string in one environment, given to psql (libpq itself) and to this product (the connection
 * string resolved as the configuration resolves it, then connect()). The environment is the whole of it: no PG*
 * variable or HOME of the machine running the tests leaks in.
 */

/** Who the session is and whether it runs over TLS, as the server sees it. */
const QUERY =
  "SELECT current_user || ' over ' || CASE WHEN coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false) THEN 'TLS' ELSE 'the clear' END";

export interface Outcome {
  /** `connected as pmg_tls over TLS`, or `refused`: what must be equal. */
  result: string;
  /** Why it was refused (a message), for a failure's report. */
  why: string;
  /** The product refused the string before connecting (a configuration error). */
  refusedByConfiguration?: boolean;
}

export function viaPsql(conn: string, env: Record<string, string>, signal?: AbortSignal): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(psqlBinary(), ['-X', '-A', '-t', '-w', '-d', conn, '-c', QUERY], {
      env: { PATH: process.env.PATH!, ...env },
      signal,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve(code === 0 ? { result: `connected as ${out.trim()}`, why: '' } : { result: 'refused', why: err.trim() }),
    );
  });
}

export async function viaProduct(conn: string, env: Record<string, string>): Promise<Outcome> {
  let url: string;
  try {
    url = resolveConnString(conn, env).url;
  } catch (err) {
    if (!(err instanceof ConnStringError)) throw err;
    return { result: 'refused', why: err.message, refusedByConfiguration: true };
  }
  try {
    const client = await connect(url);
    try {
      return { result: `connected as ${(await client.query({ text: QUERY, rowMode: 'array' })).rows[0][0]}`, why: '' };
    } finally {
      await client.end();
    }
  } catch (err) {
    return { result: 'refused', why: (err as Error).message };
  }
}

/** Longer than any connect_timeout the cases set, shorter than a test's minute. */
const ANSWER_WITHIN_MS = 45_000;

/** The side's outcome, or 'no answer' once ANSWER_WITHIN_MS has passed; `giveUp` then stops it (psql's process). */
function answered(outcome: Promise<Outcome>, giveUp?: () => void): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => {
      giveUp?.();
      resolve({ result: 'no answer', why: `still waiting after ${ANSWER_WITHIN_MS / 1000} s` });
    }, ANSWER_WITHIN_MS);
  });
  return Promise.race([outcome, late]).finally(() => clearTimeout(timer));
}

/** Both sides of one case; fails with both reasons when they disagree. */
export async function expectSameAsPsql(
  conn: string,
  env: Record<string, string>,
): Promise<{ psql: Outcome; product: Outcome }> {
  // Side by side: psql is a process of its own, and neither waits for the other. A side still waiting after
  // ANSWER_WITHIN_MS has no answer, which agrees with nothing: the failure names the side that hung.
  const stopPsql = new AbortController();
  const [psql, product] = await Promise.all([
    answered(viaPsql(conn, env, stopPsql.signal), () => stopPsql.abort()),
    answered(viaProduct(conn, env)),
  ]);
  if (product.result !== psql.result || psql.result === 'no answer') {
    throw new Error(
      `psql and this product disagree on ${conn.replace(/:[^:@/]*@/, ':***@').replace(/password=\S+/, 'password=***')}\n  psql:         ${psql.result}${psql.why ? ` (${psql.why})` : ''}\n  this product: ${product.result}${product.why ? ` (${product.why})` : ''}`,
    );
  }
  return { psql, product };
}
