import pg from 'pg';

/** Runs one statement on a server, as its superuser (CREATE DATABASE for each round). */
export async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(sql);
  await c.end();
}

/** The server's URL, pointed at another database. */
export function dbUrl(server: string, name: string): string {
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
}
