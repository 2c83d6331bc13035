import { ConnStringError } from '../connection/conn-string.js';
import { resolveConnString } from '../connection/resolve.js';
import { urlPasswords } from '../foundation/redact.js';

/** `password=…` and `sslpassword=…` as written in a key=value string, quoted or not: secrets even when it does not parse. */
function keywordPasswords(input: string): string[] {
  return [...input.matchAll(/(?:^|\s)(?:ssl)?password\s*=\s*(?:'((?:[^'\\]|\\.)*)'|(\S+))/g)].flatMap((m) =>
    m[1] !== undefined ? [m[1], m[1].replace(/\\(.)/g, '$1')] : [m[2]],
  );
}

/**
 * database-url as libpq reads it in environment `env` (PG* variables, service and password files, the default
 * files under ~/.postgresql), spelled out in full so that every part of a run connects the same way; and every
 * password involved, in every form it may be printed, found even in a string that does not parse. A string libpq
 * would refuse, or this product cannot honour, is a problem naming database-url.
 */
export function databaseUrl(
  input: string,
  env: NodeJS.ProcessEnv,
  problems: string[],
): { databaseUrl?: string; passwords: string[] } {
  if (!input) return { passwords: [] };
  const forms = (p: string) => [p, encodeURIComponent(p)];
  const passwords = [
    ...urlPasswords(input).passwords.flatMap((p) => [p.value, p.written, encodeURIComponent(p.value)]),
    ...keywordPasswords(input),
  ];
  try {
    const resolved = resolveConnString(input, env);
    passwords.push(...resolved.secrets.flatMap(forms));
    return { databaseUrl: resolved.url, passwords };
  } catch (err) {
    if (!(err instanceof ConnStringError)) throw err;
    problems.push(`database-url: ${err.message}`);
    return { passwords };
  }
}
