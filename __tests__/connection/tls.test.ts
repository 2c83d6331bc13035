import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectSameAsPsql, viaProduct } from '../harness/libpq-differential.js';
import {
  DEFAULT_CERTIFICATE,
  issueCrl,
  startTlsServer,
  TLS_USERS,
  type ServerCertificate,
  type TlsServer,
} from '../harness/tls-server.js';

/**
 * TLS as libpq 15 means it, against a server that speaks it: for each case psql and this product either connect
 * as the same role, both over TLS or both in the clear, or both refuse. The server's certificate names localhost
 * only (see tls-server.ts), so `localhost` is the matching host name and `127.0.0.1` a mismatching one.
 */

let server: TlsServer;
/** Every HOME and key file of the tests, removed at the end. */
const scratch = mkdtempSync(join(tmpdir(), 'pmg-tls-test-'));
/** HOMEs: none of the default files, the test CA as ~/.postgresql/root.crt, another CA there. */
const homes = { empty: '', right: '', other: '' };

function home(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(scratch, 'home-'));
  mkdirSync(join(dir, '.postgresql'));
  for (const [name, from] of Object.entries(files)) {
    copyFileSync(from, join(dir, '.postgresql', name));
    chmodSync(join(dir, '.postgresql', name), 0o600);
  }
  return dir;
}

beforeAll(async () => {
  server = await startTlsServer();
  homes.empty = home();
  homes.right = home({ 'root.crt': server.files.ca });
  homes.other = home({ 'root.crt': server.files.otherCa });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const url = (user: string, password: string | undefined, host: string, params: Record<string, string>) =>
  `postgresql://${user}${password ? `:${password}` : ''}@${host}:${server.port}/postgres?${new URLSearchParams(params)}`;

const MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
const HOSTS = ['localhost', '127.0.0.1'] as const;
type Trust =
  | 'sslrootcert: the server CA'
  | 'sslrootcert: another CA'
  | 'no CA'
  | '~/.postgresql/root.crt: the server CA'
  | '~/.postgresql/root.crt: another CA';
const TRUSTS: Trust[] = [
  'sslrootcert: the server CA',
  'sslrootcert: another CA',
  'no CA',
  '~/.postgresql/root.crt: the server CA',
  '~/.postgresql/root.crt: another CA',
];
const USERS = [TLS_USERS.tls, TLS_USERS.clear];

function trust(t: Trust): { params: Record<string, string>; env: Record<string, string> } {
  if (t === 'sslrootcert: the server CA')
    return { params: { sslrootcert: server.files.ca }, env: { HOME: homes.empty } };
  if (t === 'sslrootcert: another CA')
    return { params: { sslrootcert: server.files.otherCa }, env: { HOME: homes.empty } };
  if (t === '~/.postgresql/root.crt: the server CA') return { params: {}, env: { HOME: homes.right } };
  if (t === '~/.postgresql/root.crt: another CA') return { params: {}, env: { HOME: homes.other } };
  return { params: {}, env: { HOME: homes.empty } };
}

const grid = MODES.flatMap((mode) =>
  HOSTS.flatMap((host) => TRUSTS.flatMap((t) => USERS.map((user) => ({ mode, host, trust: t, user })))),
);

describe('sslmode × host name × CA × pg_hba line: psql and this product connect alike', () => {
  test.each(grid)('sslmode=$mode, host $host, $trust, $user.name', async ({ mode, host, trust: t, user }) => {
    const { params, env } = trust(t);
    const { psql, product } = await expectSameAsPsql(
      url(user.name, user.password, host, { sslmode: mode, ...params }),
      env,
    );
    // verify-* with no CA at all cannot work: this product says so before it connects.
    if (mode.startsWith('verify-') && t === 'no CA')
      expect([psql.result, product.refusedByConfiguration]).toEqual(['refused', true]);
  });
});

describe('beyond the grid', () => {
  const tls = TLS_USERS.tls;

  // psql 15 does not know sslrootcert=system (libpq 16 does: the system's roots, verify-full): the reference is
  // what it means, verify-full with the CA file that SSL_CERT_FILE names.
  test.each([
    ['localhost', 'ca'],
    ['127.0.0.1', 'ca'],
    ['localhost', 'otherCa'],
  ] as const)(
    'sslrootcert=system with SSL_CERT_FILE (host %s, %s) is verify-full against that file',
    async (host, ca) => {
      const file = server.files[ca];
      const reference = await expectSameAsPsql(
        url(tls.name, tls.password, host, { sslmode: 'verify-full', sslrootcert: file }),
        { HOME: homes.empty },
      );
      expect(
        await viaProduct(url(tls.name, tls.password, host, { sslrootcert: 'system' }), {
          HOME: homes.empty,
          SSL_CERT_FILE: file,
        }),
      ).toMatchObject({ result: reference.psql.result });
    },
  );

  describe('client certificates (hostssl … cert)', () => {
    const cert = TLS_USERS.cert.name;
    test.each(['allow', 'prefer', 'require', 'verify-full'])('sslcert and sslkey, sslmode=%s', async (mode) => {
      const { psql } = await expectSameAsPsql(
        url(cert, undefined, 'localhost', {
          sslmode: mode,
          sslrootcert: server.files.ca,
          sslcert: server.files.clientCert,
          sslkey: server.files.clientKey,
        }),
        { HOME: homes.empty },
      );
      expect(psql.result).toBe(`connected as ${cert} over TLS`);
    });

    test('~/.postgresql/postgresql.crt and postgresql.key', async () => {
      const env = {
        HOME: home({ 'postgresql.crt': server.files.clientCert, 'postgresql.key': server.files.clientKey }),
      };
      const { psql } = await expectSameAsPsql(url(cert, undefined, 'localhost', { sslmode: 'require' }), env);
      expect(psql.result).toBe(`connected as ${cert} over TLS`);
    });

    test('no client certificate: refused by both', async () => {
      const { psql } = await expectSameAsPsql(url(cert, undefined, 'localhost', { sslmode: 'require' }), {
        HOME: homes.empty,
      });
      expect(psql.result).toBe('refused');
    });

    const clear = TLS_USERS.clear;
    const viaTls = `connected as ${cert} over TLS`;
    const inTheClear = `connected as ${clear.name} over the clear`;

    // With TLS 1.3 the server rejects the certificate after the handshake has completed: libpq's prefer then does
    // not go on in the clear. Both sides get a connect_timeout (PGCONNECT_TIMEOUT, read by each), which psql needs
    // when the rejection does not reach it; it is per address and per attempt (localhost is two addresses), so it is
    // short enough to fit the harness's wait several times.
    test.each([
      ['require', cert, undefined],
      ['prefer', clear.name, clear.password],
      ['allow', cert, undefined],
    ])(
      'a certificate signed by a CA the server does not trust, sslmode=%s as %s: refused',
      async (mode, user, password) => {
        const { psql } = await expectSameAsPsql(
          url(user, password, 'localhost', {
            sslmode: mode,
            sslcert: server.files.strangerCert,
            sslkey: server.files.strangerKey,
          }),
          { HOME: homes.empty, PGCONNECT_TIMEOUT: '5' },
        );
        expect(psql.result).toBe('refused');
      },
    );

    // The refusal arrives as a TLS alert once the handshake is done, and Node leaves the socket open: connect() used
    // to end that client through node-postgres, whose goodbye could wait forever, past connect_timeout.
    test('a refused client certificate fails the connection at once, every time', async () => {
      const conn = url(cert, undefined, 'localhost', {
        sslmode: 'require',
        sslcert: server.files.strangerCert,
        sslkey: server.files.strangerKey,
      });
      for (let attempt = 1; attempt <= 25; attempt++) {
        const outcome = await Promise.race([
          viaProduct(conn, { HOME: homes.empty }),
          new Promise((resolve) =>
            setTimeout(
              () => resolve({ result: 'no answer', why: `attempt ${attempt}: still waiting after 5 s` }),
              5000,
            ).unref(),
          ),
        ]);
        expect(outcome).toMatchObject({ result: 'refused', why: expect.stringMatching(/unknown ca/) });
      }
    });

    // libpq takes a key owned by root with mode 0640 at most, one owned by anyone else with 0600 at most. (Run as
    // another user than root, the tests' files are that user's and cannot be given to postgres.)
    test.each([
      ['0644', 'root', 'require', cert, undefined, 'refused'],
      ['0644', 'root', 'prefer', clear.name, clear.password, inTheClear],
      ['0640', 'root', 'require', cert, undefined, viaTls],
      ['0600', 'postgres', 'require', cert, undefined, viaTls],
      ['0640', 'postgres', 'require', cert, undefined, 'refused'],
    ] as const)(
      'a private key of mode %s owned by %s, sslmode=%s as %s',
      async (fileMode, owner, mode, user, password, expected) => {
        const key = join(mkdtempSync(join(scratch, 'key-')), 'client.key');
        copyFileSync(server.files.clientKey, key);
        chmodSync(key, parseInt(fileMode, 8));
        if (owner === 'postgres' && server.postgresUser) chownSync(key, ...server.postgresUser);
        const { psql } = await expectSameAsPsql(
          url(user, password, 'localhost', { sslmode: mode, sslcert: server.files.clientCert, sslkey: key }),
          { HOME: homes.empty },
        );
        if (server.postgresUser) expect(psql.result).toBe(expected);
      },
    );

    // libpq fails only the TLS attempt, so prefer goes on in the clear.
    test.each([
      ['require', cert, undefined, 'refused'],
      ['prefer', clear.name, clear.password, inTheClear],
    ])('a client certificate without its key, sslmode=%s as %s', async (mode, user, password, expected) => {
      const { psql } = await expectSameAsPsql(
        url(user, password, 'localhost', {
          sslmode: mode,
          sslcert: server.files.clientCert,
          sslkey: join(homes.empty, 'missing.key'),
        }),
        { HOME: homes.empty },
      );
      expect(psql.result).toBe(expected);
    });
  });

  describe('a certificate revocation list (sslcrl, ~/.postgresql/root.crl), read only with a CA file', () => {
    test.each([
      ['revoking the server certificate', 'verify-ca', 'tls', 'sslcrl', 'refused'],
      ['revoking the server certificate', 'require', 'tls', 'sslcrl', 'refused'],
      [
        'revoking the server certificate',
        'prefer',
        'clear',
        'sslcrl',
        `connected as ${TLS_USERS.clear.name} over the clear`,
      ],
      ['revoking the server certificate', 'verify-full', 'tls', 'root.crl', 'refused'],
      ['revoking the server certificate', 'require', 'tls', 'no CA file', `connected as ${tls.name} over TLS`],
      ['revoking nothing', 'verify-full', 'tls', 'sslcrl', `connected as ${tls.name} over TLS`],
    ] as const)('a CRL %s, sslmode=%s as the %s-only user, from %s: %s', async (what, mode, who, where, expected) => {
      const user = TLS_USERS[who];
      const crl = issueCrl(server.files, what === 'revoking nothing' ? undefined : server.firstCertificate);
      const params: Record<string, string> = {
        sslmode: mode,
        ...(where === 'no CA file' ? {} : { sslrootcert: server.files.ca }),
        ...(where === 'root.crl' ? {} : { sslcrl: crl }),
      };
      const env = { HOME: where === 'root.crl' ? home({ 'root.crl': crl }) : homes.empty };
      const { psql, product } = await expectSameAsPsql(url(user.name, user.password, 'localhost', params), env);
      expect(psql.result).toBe(expected);
      if (expected === 'refused')
        expect(product.why).toMatch(
          /the server's certificate is revoked by the CRL in sslcrl \(\/.*(crl\.pem|root\.crl)\)/,
        );
    });
  });

  describe('channel binding (SCRAM-SHA-256-PLUS), as Neon-style URLs ask for it', () => {
    const clear = TLS_USERS.clear;
    test.each([
      ['require', 'require', tls.name, tls.password, `connected as ${tls.name} over TLS`],
      ['require', 'disable', clear.name, clear.password, 'refused'],
      ['prefer', 'prefer', tls.name, tls.password, `connected as ${tls.name} over TLS`],
      ['disable', 'require', tls.name, tls.password, `connected as ${tls.name} over TLS`],
    ] as const)('channel_binding=%s with sslmode=%s as %s', async (binding, mode, user, password, expected) => {
      const { psql } = await expectSameAsPsql(
        url(user, password, 'localhost', { sslmode: mode, channel_binding: binding }),
        { HOME: homes.empty },
      );
      expect(psql.result).toBe(expected);
    });

    // A wrong password: had it been sent, the server would answer "password authentication failed".
    test.each(['disable', 'require'])(
      'channel_binding=require refuses a request for the password in clear text before sending it (sslmode=%s)',
      async (mode) => {
        const plain = TLS_USERS.plain;
        const { psql, product } = await expectSameAsPsql(
          url(plain.name, 'not-the-password', 'localhost', { sslmode: mode, channel_binding: 'require' }),
          { HOME: homes.empty },
        );
        expect(psql.result).toBe('refused');
        expect(product.why).toMatch(
          /channel_binding=require, but the server asked for the password in clear text; nothing was sent/,
        );
        expect(
          (await viaProduct(url(plain.name, plain.password, 'localhost', { sslmode: mode }), { HOME: homes.empty }))
            .result,
        ).toBe(`connected as ${plain.name}${mode === 'require' ? ' over TLS' : ' over the clear'}`);
      },
    );
  });

  describe('a password from a password file, with scram over TLS', () => {
    const line = `*:*:postgres:${tls.name}:${tls.password}\n`;
    test.each([
      ['passfile, mode 0600', 0o600, 'passfile'],
      ['~/.pgpass, mode 0600', 0o600, 'home'],
      ['passfile others may read (ignored, as libpq ignores it)', 0o644, 'passfile'],
    ] as const)('%s', async (_name, mode, where) => {
      const dir = home();
      const file = where === 'home' ? join(dir, '.pgpass') : join(dir, 'pgpass');
      writeFileSync(file, line);
      chmodSync(file, mode);
      const { psql } = await expectSameAsPsql(
        url(tls.name, undefined, 'localhost', {
          sslmode: 'verify-full',
          sslrootcert: server.files.ca,
          ...(where === 'passfile' ? { passfile: file } : {}),
        }),
        { HOME: dir },
      );
      expect(psql.result).toBe(mode === 0o600 ? `connected as ${tls.name} over TLS` : 'refused');
    });
  });

  describe('which host names a certificate matches (verify-full), and verify-ca never minds', () => {
    const certificates: ServerCertificate[] = [
      { cn: '127.0.0.1', san: ['DNS:localhost'] },
      { cn: '127.0.0.1' },
      { cn: 'localhost' },
      { cn: 'pmg test server', san: ['DNS:localhost', 'IP:127.0.0.1'] },
      { cn: 'localhost', san: ['IP:127.0.0.1'] },
      { cn: 'pmg test server', san: ['DNS:LOCALHOST'] },
      { cn: 'pmg test server', san: ['DNS:*.pmg.test'] },
    ];
    /** host names to check, each reached at 127.0.0.1 (hostaddr) so that no name needs to resolve. */
    const names = ['localhost', '127.0.0.1', 'db.pmg.test', 'a.db.pmg.test', 'pmg.test'];
    afterAll(async () => {
      await server.present(DEFAULT_CERTIFICATE);
    });

    test.each(certificates.map((c) => [`CN ${c.cn}, ${c.san ? `SAN ${c.san.join(', ')}` : 'no SAN'}`, c] as const))(
      '%s',
      async (_name, c) => {
        await server.present(c);
        for (const name of names) {
          for (const mode of ['verify-full', 'verify-ca']) {
            await expectSameAsPsql(
              url(tls.name, tls.password, name, { hostaddr: '127.0.0.1', sslmode: mode, sslrootcert: server.files.ca }),
              { HOME: homes.empty },
            );
          }
        }
        // Only hostaddr: libpq has no host name to compare the certificate with.
        await expectSameAsPsql(
          `hostaddr=127.0.0.1 port=${server.port} user=${tls.name} password=${tls.password} dbname=postgres sslmode=verify-full sslrootcert=${server.files.ca}`,
          { HOME: homes.empty },
        );
      },
    );
  });
});
