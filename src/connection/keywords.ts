/**
 * libpq's connection keywords, as its documentation lists them ("Parameter Key Words"), with what this product does
 * with each. A keyword libpq does not know is refused, as psql refuses it; one libpq knows but this product
 * cannot honour the way psql would is refused too, with the reason, before anything connects. Accepted and left to
 * the operating system's defaults by the driver (pg_dump and pg_restore honour them): keepalives_interval,
 * keepalives_count and tcp_user_timeout, which tune TCP only; sslcompression is ignored by libpq itself, and
 * load_balance_hosts and target_session_attrs=prefer-standby change nothing with the one host allowed.
 */
export interface Keyword {
  /** The PG* environment variable libpq reads when the keyword is not given. */
  env?: string;
  /** The first libpq major that knows it: a client tool older than that would refuse it. */
  since: number;
  /** Allowed values, when libpq checks them. */
  values?: readonly string[];
  /** Why it is refused, and what to do instead. */
  refused?: string;
  /** Names a file the client reads (mounted into a Docker tool, resolved to an absolute path). */
  file?: boolean;
}

const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

export const KEYWORDS: Record<string, Keyword> = {
  host: { env: 'PGHOST', since: 9 },
  hostaddr: { env: 'PGHOSTADDR', since: 9 },
  port: { env: 'PGPORT', since: 9 },
  dbname: { env: 'PGDATABASE', since: 9 },
  user: { env: 'PGUSER', since: 9 },
  password: { env: 'PGPASSWORD', since: 9 },
  passfile: { env: 'PGPASSFILE', since: 10, file: true },
  service: { env: 'PGSERVICE', since: 9 },
  connect_timeout: { env: 'PGCONNECT_TIMEOUT', since: 9 },
  client_encoding: { env: 'PGCLIENTENCODING', since: 9 },
  options: { env: 'PGOPTIONS', since: 9 },
  application_name: { env: 'PGAPPNAME', since: 9 },
  fallback_application_name: { since: 9 },
  keepalives: { since: 9, values: ['0', '1'] },
  keepalives_idle: { since: 9 },
  keepalives_interval: { since: 9 },
  keepalives_count: { since: 9 },
  tcp_user_timeout: { since: 12 },
  target_session_attrs: {
    env: 'PGTARGETSESSIONATTRS',
    since: 10,
    values: ['any', 'read-write', 'read-only', 'primary', 'standby', 'prefer-standby'],
  },
  load_balance_hosts: { env: 'PGLOADBALANCEHOSTS', since: 16, values: ['disable', 'random'] },
  sslmode: { env: 'PGSSLMODE', since: 9, values: SSL_MODES },
  sslcompression: { env: 'PGSSLCOMPRESSION', since: 9, values: ['0', '1'] },
  sslcert: { env: 'PGSSLCERT', since: 9, file: true },
  sslkey: { env: 'PGSSLKEY', since: 9, file: true },
  sslpassword: { since: 13 },
  sslcertmode: { env: 'PGSSLCERTMODE', since: 16, values: ['disable', 'allow', 'require'] },
  sslrootcert: { env: 'PGSSLROOTCERT', since: 9, file: true },
  sslcrl: { env: 'PGSSLCRL', since: 9, file: true },
  sslcrldir: {
    env: 'PGSSLCRLDIR',
    since: 14,
    refused:
      'a CRL directory cannot be read by the driver this product uses; concatenate the CRLs into one file and name it with sslcrl',
  },
  sslsni: { env: 'PGSSLSNI', since: 14, values: ['0', '1'] },
  ssl_min_protocol_version: { env: 'PGSSLMINPROTOCOLVERSION', since: 13, values: TLS_VERSIONS },
  ssl_max_protocol_version: { env: 'PGSSLMAXPROTOCOLVERSION', since: 13, values: TLS_VERSIONS },
  sslnegotiation: { env: 'PGSSLNEGOTIATION', since: 17, values: ['postgres', 'direct'] },
  sslkeylogfile: { since: 18, refused: 'writing TLS session keys to a file is not supported; remove sslkeylogfile' },
  channel_binding: { env: 'PGCHANNELBINDING', since: 13, values: ['disable', 'prefer', 'require'] },
  gssencmode: { env: 'PGGSSENCMODE', since: 12, values: ['disable', 'prefer', 'require'] },
  krbsrvname: { env: 'PGKRBSRVNAME', since: 9 },
  gsslib: { env: 'PGGSSLIB', since: 9 },
  gssdelegation: { env: 'PGGSSDELEGATION', since: 17, values: ['0', '1'] },
  requirepeer: {
    env: 'PGREQUIREPEER',
    since: 9,
    refused: 'the peer of a Unix socket cannot be checked by the driver this product uses; remove requirepeer',
  },
  require_auth: {
    env: 'PGREQUIREAUTH',
    since: 16,
    refused: 'the driver this product uses cannot restrict the authentication methods it accepts; remove require_auth',
  },
  replication: { since: 9, refused: 'a replication connection cannot run migrations; remove replication' },
  min_protocol_version: { env: 'PGMINPROTOCOLVERSION', since: 18 },
  max_protocol_version: { env: 'PGMAXPROTOCOLVERSION', since: 18 },
  oauth_issuer: {
    since: 18,
    refused: 'OAuth sign-in is not supported by the driver this product uses; use a password or a client certificate',
  },
  oauth_client_id: {
    since: 18,
    refused: 'OAuth sign-in is not supported by the driver this product uses; use a password or a client certificate',
  },
  oauth_client_secret: {
    since: 18,
    refused: 'OAuth sign-in is not supported by the driver this product uses; use a password or a client certificate',
  },
  oauth_scope: {
    since: 18,
    refused: 'OAuth sign-in is not supported by the driver this product uses; use a password or a client certificate',
  },
};

/**
 * Values libpq accepts that this product cannot honour as psql would: refused with the reason. (gssencmode=prefer
 * and channel_binding=prefer fall back as libpq does when GSSAPI or channel binding are not to be had.)
 */
export const REFUSED_VALUES: Record<string, Record<string, string>> = {
  gssencmode: {
    require:
      'GSSAPI encryption is not supported by the driver this product uses; use sslmode=require or stronger instead',
  },
  sslnegotiation: {
    direct:
      'direct TLS negotiation (PostgreSQL 17) is not supported by pg-migration-gate; remove sslnegotiation: every server also accepts the standard negotiation, with the same sslmode checks',
  },
  sslcertmode: {
    require:
      'the driver this product uses cannot require that the server asks for the client certificate; use sslcertmode=allow',
  },
  sslsni: {
    '0': 'the driver this product uses always names the host to the server during the TLS handshake (SNI); remove sslsni=0',
  },
};

/** Driver-only spellings that libpq (psql, pg_dump) rejects, with the libpq form that means what the user wants. */
export const FOREIGN_SPELLINGS: Record<string, string> = {
  'sslmode=no-verify':
    'sslmode=no-verify is a node-postgres value that psql and pg_dump reject; use sslmode=require, which encrypts without checking the certificate, exactly as psql does',
  uselibpqcompat:
    'uselibpqcompat is a node-postgres switch that psql and pg_dump reject; remove it: sslmode is always read as libpq reads it here',
  ssl: 'ssl is a node-postgres parameter (libpq knows only ssl=true); use sslmode=require (or verify-full with sslrootcert)',
};
