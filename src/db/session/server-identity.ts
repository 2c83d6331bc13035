import type { Client } from './connect.js';

/**
 * What identifies a database wherever it is reached from: its name, its oid, and the server's system identifier
 * (pg_control_system()), which initdb chose and every physical replica of the cluster shares. Host names, ports,
 * poolers and replicas change none of them; another cluster, even one restored from a dump, has another system
 * identifier.
 */
export interface DatabaseIdentity {
  name: string;
  oid: number;
  /** Absent when the role may not call pg_control_system() (managed services often revoke it). */
  systemIdentifier?: string;
}

/** The database the client is connected to, and its server's system identifier when the role may read it. */
export async function databaseIdentity(client: Client): Promise<DatabaseIdentity> {
  const r = await client.query(
    `SELECT d.datname AS name, d.oid::int8::text AS oid, pg_catalog.has_function_privilege('pg_catalog.pg_control_system()', 'EXECUTE') AS readable
       FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()`,
  );
  const { name, oid, readable } = r.rows[0];
  // Asked apart: a query naming the function fails on the privilege even where it would not call it.
  const sysid = readable
    ? ((await client.query('SELECT system_identifier::text AS s FROM pg_catalog.pg_control_system()')).rows[0]
        .s as string)
    : undefined;
  return { name, oid: Number(oid), ...(sysid ? { systemIdentifier: sysid } : {}) };
}
