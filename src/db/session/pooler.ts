import type { Socket } from 'node:net';
import { InputError } from '../../foundation/errors.js';
import { targetIdentity } from '../../connection/url.js';
import { connect, ConnectionError, keepSpare, type Client } from './connect.js';

/**
 * Whether database-url reaches the server through a pooler that shares server sessions between client
 * connections: PgBouncer's pool_mode=transaction or statement (Supabase's port 6543, Neon's `-pooler` hosts, most
 * "pooled" URLs). A run needs sessions of its own: the advisory lock that keeps two runs apart is held by one
 * session across many transactions, and the migrations run on a second session that holds the "migrating" lock.
 * Behind such a pooler each transaction lands on whichever server session is free, and the run fails halfway.
 *
 * The check is behavioural, not by name, and costs one query when nothing sits in between:
 * - With no proxy, the backend runs under the pid the server announced at start-up (BackendKeyData, which a pooler
 *   replaces with its own key, since it routes cancel requests itself) and sees this socket's port as the client's.
 * - Otherwise a second connection is opened and the two ask in turn which server session runs them. A pooler that
 *   binds one server session to each client connection (session mode) keeps answering one session per connection,
 *   a different one for each. A pooler that takes the session back after every transaction hands it to the next
 *   caller (PgBouncer reuses the most recently released one first), so the second connection's first query already
 *   runs on the first one's session. Two connections on one session, or one connection moving between sessions,
 *   is proof; other traffic on the pooler can hide it for a turn but never fake it, so there are a few turns.
 * A check that cannot finish (a server or network error, a pooler out of server connections) proves nothing: the
 * command goes on and meets the same server, and reports what it finds. A server that cannot be reached at all is
 * reported at once, as the command would report it.
 */

export type PoolingCheck =
  /** Nothing in between: the pid and port the server sees are this connection's own. */
  | { kind: 'direct' }
  /** Something in between (a proxy, a pooler in session mode), but each connection kept a server session of its own. */
  | { kind: 'session-per-connection' }
  /** Server sessions are shared between client connections: transaction or statement pooling. */
  | { kind: 'shared'; evidence: string; host: string; port: number; user?: string }
  | { kind: 'inconclusive'; reason: string };

/** Statements after the first, alternating between the two connections; only a busy pooler needs more than one. */
const TURNS = 8;
/** Per statement: a pooler with no free server connection makes a query wait (PgBouncer: up to 120 s). */
const STATEMENT_WAIT_MS = 5000;

/** The server session running a statement: its pid, with the server's start time (a pooler may front several servers). */
const WHO =
  'SELECT pg_catalog.pg_backend_pid() AS pid, pg_catalog.pg_postmaster_start_time()::text AS started, pg_catalog.inet_client_port() AS port';

interface Seen {
  id: string;
  pid: number;
  port: number | null;
}

async function seen(client: Client): Promise<Seen> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${STATEMENT_WAIT_MS} ms`)), STATEMENT_WAIT_MS);
  });
  try {
    const r = (await Promise.race([client.query(WHO), late])).rows[0];
    return { id: `${r.pid}@${r.started}`, pid: Number(r.pid), port: r.port === null ? null : Number(r.port) };
  } finally {
    clearTimeout(timer);
  }
}

/** The pid the server announced for this connection, and the local port of its socket (none for a Unix socket). */
function ownEnd(client: Client): { pid: unknown; port: number | null } {
  const socket = (client as unknown as { connection?: { stream?: Socket } }).connection?.stream;
  return { pid: (client as unknown as { processID?: unknown }).processID, port: socket?.localPort ?? null };
}

/** What sits between this process and the server of `url`, as its connections see it; they are closed however it ends. */
export async function checkPooling(url: string): Promise<PoolingCheck> {
  const clients: Client[] = [];
  try {
    const a = await connect(url);
    clients.push(a);
    const first = await seen(a);
    const own = ownEnd(a);
    if (own.pid === first.pid && own.port === first.port) {
      // The command's own first connection would be the same: it takes this one instead of opening another.
      keepSpare(url, clients.pop()!);
      return { kind: 'direct' };
    }

    const b = await connect(url);
    clients.push(b);
    const sessions = new Map<Client, Set<string>>([
      [a, new Set([first.id])],
      [b, new Set()],
    ]);
    const name = (c: Client) => (c === a ? 'the first' : 'the second');
    const where = { host: a.host, port: a.port, user: a.user };
    for (let turn = 0; turn < TURNS; turn++) {
      const c = turn % 2 === 0 ? b : a;
      const other = c === a ? b : a;
      const now = await seen(c);
      const mine = sessions.get(c)!;
      if (sessions.get(other)!.has(now.id))
        return { kind: 'shared', evidence: `two connections ran on one server session, pid ${now.pid}`, ...where };
      if (mine.size && !mine.has(now.id))
        return {
          kind: 'shared',
          evidence: `${name(c)} connection moved to another server session, pid ${now.pid}`,
          ...where,
        };
      mine.add(now.id);
    }
    return { kind: 'session-per-connection' };
  } catch (err) {
    // The server cannot be reached at all: that is the command's own failure, reported now rather than after the
    // command has waited out the same connect timeout again.
    if (err instanceof ConnectionError && !clients.length) throw err;
    return { kind: 'inconclusive', reason: (err as Error).message };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }
}

/** The fix in the provider's terms, for the hosts whose pooled URLs are known; undefined for any other host. */
export function providerAdvice(host: string, port: number, user?: string): string | undefined {
  const h = host.toLowerCase();
  if (h.endsWith('.pooler.supabase.com') && port === 6543) {
    // Supavisor's user names carry the project: postgres.<project-ref>.
    const ref = /^[^.]+\.([a-z0-9]+)$/i.exec(user ?? '')?.[1];
    return `Supabase: port 6543 of ${host} is its transaction-mode pooler; port 5432 of the same host is session mode, or use the direct connection (${ref ? `db.${ref}.supabase.co` : 'db.<project-ref>.supabase.co'}:5432)`;
  }
  if (/^db\.[^.]+\.supabase\.co$/.test(h) && port === 6543) {
    return `Supabase: port 6543 of ${host} is its dedicated pooler in transaction mode; port 5432 of the same host is the direct connection`;
  }
  if (h.includes('-pooler.')) {
    return `Neon: ${host} is a pooled endpoint (Neon's -pooler hosts are PgBouncer in transaction mode); drop -pooler for the direct endpoint: ${host.replace(/-pooler\./i, '.')}`;
  }
  return undefined;
}

/**
 * Refuses, before anything runs, a database-url whose pooler shares server sessions between connections: a
 * configuration problem, with the fix. Anything short of proof lets the run go on.
 */
export async function refuseSessionSharingPooler(url: string): Promise<void> {
  const check = await checkPooling(url);
  if (check.kind !== 'shared') return;
  const advice = providerAdvice(check.host, check.port, check.user);
  throw new InputError([
    `database-url: ${targetIdentity(url)} is reached through a connection pooler in transaction or statement mode (${check.evidence}): it runs each transaction on whichever server session is free, so neither the advisory lock that keeps runs apart nor the session the migrations run on would stay this run's own; nothing was run. Use the direct URL or the pooler's session-mode URL${advice ? `. ${advice}` : ''}.`,
  ]);
}
