export const id = 506;
export const ids = [506];
export const modules = {

/***/ 4506:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ConnectionError: () => (/* binding */ ConnectionError),
  connect: () => (/* binding */ connect),
  dropSpare: () => (/* binding */ dropSpare),
  keepSpare: () => (/* binding */ keepSpare),
  loadedPg: () => (/* binding */ loadedPg),
  withClient: () => (/* binding */ withClient)
});

// EXTERNAL MODULE: ./src/connection/defaults.ts
var defaults = __webpack_require__(1844);
// EXTERNAL MODULE: ./src/connection/conn-string.ts
var conn_string = __webpack_require__(864);
// EXTERNAL MODULE: ./src/connection/url.ts
var connection_url = __webpack_require__(7277);
;// CONCATENATED MODULE: ./src/db/session/channel-binding.ts
const refusal = (why) => Object.assign(new Error(`channel_binding=require, but ${why}; nothing was sent`), { code: 'channel_binding' });
/**
 * channel_binding=require as libpq enforces it: the password is never sent unless the server authenticates with
 * SCRAM-SHA-256-PLUS, which binds the TLS channel, so a man in the middle cannot relay it. A request for a password
 * in clear text or MD5, or a SASL offer without -PLUS, ends the attempt before anything is sent. node-postgres has
 * no such setting (it uses -PLUS when offered), so its handlers for those requests are wrapped on this client, which
 * binds them when it connects. Returns the check for after connecting: a server that asked for no password at all
 * (trust) authenticated nothing with channel binding, which libpq refuses too.
 */
function requireChannelBinding(client) {
    const c = client;
    let mechanism;
    const refuse = (why) => void c.connection.emit('error', refusal(why));
    c._handleAuthCleartextPassword = () => refuse('the server asked for the password in clear text');
    c._handleAuthMD5Password = () => refuse('the server asked for an MD5 password hash');
    const sasl = c._handleAuthSASL.bind(client);
    c._handleAuthSASL = (msg) => {
        if (!msg.mechanisms.includes('SCRAM-SHA-256-PLUS'))
            return refuse(`the server offered ${msg.mechanisms.join(', ')} without channel binding (it needs SCRAM over TLS)`);
        sasl(msg);
    };
    const send = c.connection.sendSASLInitialResponseMessage.bind(c.connection);
    c.connection.sendSASLInitialResponseMessage = (chosen, response) => {
        mechanism = chosen;
        if (chosen !== 'SCRAM-SHA-256-PLUS')
            return refuse('the connection is not over TLS, so SCRAM cannot bind it');
        send(chosen, response);
    };
    return () => {
        if (mechanism !== 'SCRAM-SHA-256-PLUS')
            throw refusal('the server authenticated this connection without a password, so without channel binding');
    };
}

;// CONCATENATED MODULE: ./src/db/session/connect-failure.ts

/** Errors raised before anything was said to a server: trying again another way would meet the same. */
const UNREACHABLE = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ETIMEDOUT',
    'ENOENT',
]);
const unreachable = (e) => UNREACHABLE.has(e.code ?? '') || /timeout expired/i.test(e.message);
/** The server answered "no TLS here" to the TLS request. */
const refusedTls = (e) => /does not support SSL/i.test(e.message);
/**
 * Whether libpq would try its next transport after this attempt. prefer falls back to the clear when the TLS
 * handshake failed (a certificate that fails the check included) or when the server refused us over TLS with an
 * error, but not when an established TLS session broke (with TLS 1.3 the server's rejection of our client
 * certificate arrives only after the handshake). allow tries TLS after the server refused us in the clear.
 */
function fallsBack(p, a) {
    if (unreachable(a.failure))
        return false;
    const mode = p.sslmode ?? 'prefer';
    if (mode === 'prefer')
        return a.transport !== false && (!a.handshaken || a.serverRefused);
    if (mode === 'allow')
        return a.transport === false && a.serverRefused;
    return false;
}
/** What failed, in terms of the settings a user can change. */
function explainOne(p, e) {
    const mode = p.sslmode ?? 'prefer';
    if (refusedTls(e))
        return `the server does not accept TLS connections, and sslmode=${mode} requires TLS; use sslmode=prefer or disable only if the network path is trusted`;
    if (e.code === 'CLIENT_KEY')
        return e.message;
    if (/^ERR_SSL_.*ALERT/.test(e.code ?? ''))
        return `the server ended the TLS handshake (${e.message}); when it asks for a client certificate, sslcert must be one signed by a CA the server trusts`;
    if (e.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
        return `the server's certificate does not name the host ${(0,connection_url.hostOf)(p)} (sslmode=verify-full): ${e.message}; connect with a host name the certificate names, or use sslmode=verify-ca to check the CA only`;
    }
    if (e.code === 'CERT_REVOKED')
        return `the server's certificate is revoked by the CRL in sslcrl (${p.sslcrl}): ${e.message}; the server needs a new certificate`;
    if (/CERT|certificate|SELF_SIGNED|UNABLE_TO_/i.test(`${e.code} ${e.message}`)) {
        return `the server's certificate is not signed by the CA in sslrootcert (${p.sslrootcert}), sslmode=${mode}: ${e.message}; name your provider's CA bundle in sslrootcert`;
    }
    return `${e.message}${e.code ? ` (${e.code})` : ''}`;
}
/** Every attempt's failure, as libpq reports them all: over TLS first, then in the clear (or the other way round). */
function explain(p, attempts) {
    // A server without TLS is no failure where sslmode allows the clear: only what happened in the clear counts.
    const failed = p.sslmode === 'prefer' || p.sslmode === 'allow' || p.sslmode === undefined
        ? attempts.filter((a) => !refusedTls(a.failure))
        : attempts;
    const told = failed.length ? failed : attempts;
    if (told.length === 1)
        return explainOne(p, told[0].failure);
    return told.map((a) => `${a.transport ? 'over TLS' : 'in the clear'}: ${explainOne(p, a.failure)}`).join('; then ');
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/db/session/peer-name.ts


/**
 * Whether a server certificate names the host, as libpq checks it for sslmode=verify-full (not as Node's
 * checkServerIdentity does, which never compares an IP address with the subject's CN):
 *
 * - each subjectAltName is compared, a DNS name by text (case-insensitive, `*.` matching one leading label), an
 *   IP address by value;
 * - the subject's CN is compared (by text) only when no SAN is of the host's own kind: a host name is checked
 *   against the CN when the SANs hold no DNS name, an IP address when they hold no IP address, even if they hold
 *   DNS names.
 *
 * libpq compares the certificate with `host`, never with `hostaddr`: without a host name there is nothing to
 * compare, and libpq refuses.
 */
/** libpq's wildcard rule: `*.example.com` matches `db.example.com`, not `example.com` nor `a.db.example.com`. */
function wildcardMatches(pattern, host) {
    if (pattern.length < 3 || !pattern.startsWith('*.') || pattern.length > host.length)
        return false;
    const tail = host.slice(host.length - pattern.length + 1);
    if (tail.toLowerCase() !== pattern.slice(1).toLowerCase())
        return false;
    return !host.slice(0, host.length - pattern.length + 1).includes('.');
}
const nameMatches = (name, host) => name.toLowerCase() === host.toLowerCase() || wildcardMatches(name, host);
/** The SANs of the certificate as Node writes them (`DNS:a, IP Address:1.2.3.4`; a value holding `,` is quoted). */
function subjectAltNames(text) {
    const out = [];
    for (const m of (text ?? '').matchAll(/([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/g)) {
        out.push({ kind: m[1], value: m[2].startsWith('"') ? JSON.parse(m[2]) : m[2] });
    }
    return out;
}
/**
 * undefined when `cert` names `host` as libpq means it, else the error that ends the TLS handshake, in libpq's
 * words. `code` is Node's own for a name mismatch, so callers explain both alike.
 */
function peerNameProblem(host, cert) {
    if (!host) {
        return new Error('sslmode=verify-full compares the server certificate with the host name, and only hostaddr is given (libpq: "host name must be specified for a verified SSL connection"); add host=<the name the certificate carries>');
    }
    const hostIsIp = (0,external_node_net_.isIP)(host) !== 0;
    const sans = subjectAltNames(cert.subjectaltname).filter((s) => s.kind === 'DNS' || s.kind === 'IP Address');
    const ipMatches = hostIsIp && sans.some((s) => s.kind === 'IP Address') && new external_node_crypto_.X509Certificate(cert.raw).checkIP(host) !== undefined;
    if (ipMatches || sans.some((s) => s.kind === 'DNS' && nameMatches(s.value, host)))
        return undefined;
    const cn = [].concat(cert.subject?.CN ?? [])[0];
    const checkCn = !sans.some((s) => (s.kind === 'IP Address') === hostIsIp);
    if (checkCn && cn !== undefined && nameMatches(cn, host))
        return undefined;
    const names = [...sans.map((s) => s.value), ...(checkCn && cn !== undefined ? [cn] : [])];
    const named = names.length
        ? `server certificate for "${names[0]}"${names.length > 1 ? ` (and ${names.length - 1} other name${names.length > 2 ? 's' : ''})` : ''} does not match host name "${host}"`
        : `the server certificate names no host (no subjectAltName, no CN), so it cannot match "${host}"`;
    return Object.assign(new Error(named), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
}

;// CONCATENATED MODULE: ./src/db/session/driver-options.ts




const APPLICATION_NAME = 'pg-migration-gate';
const isFile = (path) => !!path && (0,external_node_fs_.existsSync)(path) && (0,external_node_fs_.statSync)(path).isFile();
/**
 * Why libpq would not use the client certificate's private key: missing, not a file, or open to others (libpq
 * takes a key owned by root with mode 0640 or less, any other with 0600 or less). libpq finds this once the
 * server agreed to TLS and fails that attempt as it fails a handshake, so sslmode=prefer goes on in the clear.
 */
function clientKeyProblem(p) {
    if (!isFile(p.sslcert) || p.sslcertmode === 'disable')
        return undefined;
    if (!p.sslkey || !(0,external_node_fs_.existsSync)(p.sslkey))
        return `the client certificate ${p.sslcert} is there but its private key ${p.sslkey ?? '(sslkey, or ~/.postgresql/postgresql.key)'} is not; name it with sslkey`;
    const st = (0,external_node_fs_.statSync)(p.sslkey);
    if (!st.isFile())
        return `the private key ${p.sslkey} (sslkey) is not a regular file`;
    if (process.platform !== 'win32' && st.mode & (st.uid === 0 ? 0o037 : 0o077)) {
        return `the private key ${p.sslkey} (sslkey) may be read by others, and libpq refuses such a key: chmod 600 it (0640 at most when root owns it)`;
    }
    return undefined;
}
/**
 * TLS as libpq sets it up for these parameters. A CA file (sslrootcert, or ~/.postgresql/root.crt, already made
 * explicit) means the server's chain is checked in every mode, and only verify-full also checks the host name,
 * by libpq's rules (peer-name.ts); without one, prefer and require encrypt without checking anything (verify-*
 * always has one: the configuration refuses them without). The client certificate is sent when its file exists,
 * unless sslcertmode=disable or its key is unusable (clientKeyProblem: the connection fails that attempt).
 */
function tlsOptions(p) {
    const checkChain = isFile(p.sslrootcert);
    const o = {
        rejectUnauthorized: checkChain,
        checkServerIdentity: p.sslmode === 'verify-full' ? (_name, cert) => peerNameProblem(p.host, cert) : () => undefined,
        minVersion: (p.ssl_min_protocol_version ?? 'TLSv1.2'),
    };
    if (p.ssl_max_protocol_version)
        o.maxVersion = p.ssl_max_protocol_version;
    if (checkChain)
        o.ca = (0,external_node_fs_.readFileSync)(p.sslrootcert);
    if (isFile(p.sslcrl) && checkChain)
        o.crl = (0,external_node_fs_.readFileSync)(p.sslcrl);
    if (isFile(p.sslcert) && p.sslcertmode !== 'disable' && !clientKeyProblem(p)) {
        o.cert = (0,external_node_fs_.readFileSync)(p.sslcert);
        o.key = (0,external_node_fs_.readFileSync)(p.sslkey);
        if (p.sslpassword)
            o.passphrase = p.sslpassword;
    }
    // The driver names a host name (not an address) to the server itself; with hostaddr the address is what it
    // dials, so the name travels here.
    if (p.sslsni !== '0' && p.hostaddr && p.host && !(0,external_node_net_.isIP)(p.host))
        o.servername = p.host;
    return o;
}
/**
 * The transports libpq tries for sslmode, in its order: disable and allow start in the clear (allow then tries TLS
 * if the server refuses that), prefer starts with TLS and falls back to the clear, require and verify-* only TLS.
 * A Unix socket never uses TLS, as in libpq.
 */
function transports(p) {
    const mode = p.sslmode ?? 'prefer';
    if ((0,defaults/* isSocketDir */.zG)(p.host) && !p.hostaddr)
        return [false];
    if (mode === 'disable')
        return [false];
    if (mode === 'allow')
        return [false, tlsOptions(p)];
    if (mode === 'prefer')
        return [tlsOptions(p), false];
    return [tlsOptions(p)];
}
/** The driver's settings for these parameters (their defaults filled in) and one transport; nothing is left for the driver to guess. */
function clientConfig(p, ssl) {
    const timeout = p.connect_timeout === undefined || Number(p.connect_timeout) <= 0
        ? defaults/* DEFAULT_CONNECT_TIMEOUT_S */.nx
        : Math.max(2, Number(p.connect_timeout));
    return {
        host: p.hostaddr || p.host,
        port: Number(p.port),
        user: p.user,
        password: p.password,
        database: p.dbname,
        ssl,
        application_name: p.application_name || APPLICATION_NAME,
        ...(p.options ? { options: p.options } : {}),
        connectionTimeoutMillis: timeout * 1000,
        // Keepalives: a connection that holds the run's lock across a long migration must not be dropped as idle.
        keepAlive: p.keepalives !== '0',
        ...(p.keepalives_idle ? { keepAliveInitialDelayMillis: Number(p.keepalives_idle) * 1000 } : {}),
        // libpq's default (prefer) binds the channel whenever SCRAM over TLS offers it; require is checked in connect.
        enableChannelBinding: p.channel_binding !== 'disable',
    };
}

;// CONCATENATED MODULE: ./src/db/session/connect.ts






/** Thrown when the server cannot be reached or refuses us; says which server (redacted) and what to check. */
class ConnectionError extends Error {
    name = 'ConnectionError';
}
let pgModule;
/** The pg package, loaded on the first connection: commands that never connect (lint) start faster without it. */
async function loadPg() {
    return (pgModule ??= (await __webpack_require__.e(/* import() */ 849).then(__webpack_require__.bind(__webpack_require__, 3849))).default);
}
/** The pg package once a connection has loaded it; before that, no pg error can exist. */
function loadedPg() {
    return pgModule;
}
/**
 * A connection that the pooler check found to reach the server directly, kept for the command's first connect()
 * to the same URL: a run then opens one connection fewer before its work starts. It is taken only while fresh (a
 * server's idle_session_timeout could have ended it meanwhile), and dropSpare() closes it if nothing took it.
 */
let spare;
const SPARE_FRESH_MS = 1000;
/** Keeps a connected client for the next connect(url) (see spare); one closed unless taken. */
function keepSpare(url, client) {
    void dropSpare();
    spare = { url, client, at: performance.now() };
}
/** Closes the kept connection if nothing took it: the process could not exit while it is open. */
async function dropSpare() {
    const s = spare;
    spare = undefined;
    await s?.client.end().catch(() => { });
}
/** Servers that answered "no TLS here": sslmode=prefer goes straight to the clear with them, as libpq ends up doing. */
const withoutTls = new Set();
/**
 * target_session_attrs, checked as libpq checks a single host: read-write and read-only by
 * transaction_read_only, primary and standby by recovery.
 */
async function checkSessionAttrs(client, attrs) {
    if (!attrs || attrs === 'any' || attrs === 'prefer-standby')
        return;
    const r = (await client.query("SELECT pg_catalog.pg_is_in_recovery() AS standby, pg_catalog.current_setting('transaction_read_only') = 'on' AS read_only")).rows[0];
    const ok = { 'read-write': !r.read_only, 'read-only': r.read_only, primary: !r.standby, standby: r.standby }[attrs];
    if (!ok)
        throw Object.assign(new Error(`the server is ${r.standby ? 'a standby' : 'a primary'}${r.read_only ? ' in read-only mode' : ''}, not what target_session_attrs=${attrs} asks for`), { code: 'target_session_attrs' });
}
/**
 * Connects as libpq would with this connection string: its sslmode's transports in libpq's order, TLS checked as
 * libpq checks it, target_session_attrs honoured. Fails with a ConnectionError that names the server (never the
 * password) and what to change.
 */
async function connect(url) {
    if (spare?.url === url && performance.now() - spare.at < SPARE_FRESH_MS) {
        const { client } = spare;
        spare = undefined;
        return client;
    }
    // One not taken now never will be: it is closed rather than held for the rest of the run.
    if (spare)
        void dropSpare();
    let p;
    try {
        p = (0,defaults/* withDefaults */.rO)((0,conn_string/* parseConnString */.Rr)(url));
    }
    catch (err) {
        throw new ConnectionError(`database-url: ${err.message}`, { cause: err });
    }
    const pg = await loadPg();
    const server = `${(0,connection_url.hostOf)(p)}:${p.port || 5432}`;
    const ways = transports(p).filter((t, _i, all) => !(t && all.length > 1 && p.sslmode !== 'allow' && withoutTls.has(server)));
    const attempts = [];
    for (const ssl of ways) {
        const keyProblem = ssl ? clientKeyProblem(p) : undefined;
        if (keyProblem) {
            attempts.push({
                transport: ssl,
                failure: Object.assign(new Error(keyProblem), { code: 'CLIENT_KEY' }),
                handshaken: false,
                serverRefused: false,
            });
            if (!fallsBack(p, attempts.at(-1)))
                break;
            continue;
        }
        const client = new pg.Client(clientConfig(p, ssl));
        // An idle client whose server goes away emits 'error'; without a listener that would crash the process.
        client.on('error', () => { });
        let handshaken = false;
        client.connection.once('sslconnect', () => client.connection.stream.once('secureConnect', () => (handshaken = true)));
        const bound = p.channel_binding === 'require' ? requireChannelBinding(client) : undefined;
        try {
            try {
                await client.connect();
            }
            catch (err) {
                // Destroyed, not ended: after a TLS error past the handshake (a client certificate the server refused with
                // an alert), Node leaves the socket open and node-postgres's end() may wait forever on its goodbye.
                client.connection.stream.destroy();
                throw err;
            }
            try {
                bound?.();
                await checkSessionAttrs(client, p.target_session_attrs);
            }
            catch (err) {
                // Connected, but not the session asked for: ended politely, as libpq does.
                await client.end().catch(() => { });
                throw err;
            }
            return client;
        }
        catch (err) {
            const failure = err;
            attempts.push({ transport: ssl, failure, handshaken, serverRefused: failure instanceof pg.DatabaseError });
            if (ssl && refusedTls(failure))
                withoutTls.add(server);
            if (!fallsBack(p, attempts.at(-1)))
                break;
        }
    }
    throw new ConnectionError(`could not connect to ${(0,connection_url.targetIdentity)(url)}: ${explain(p, attempts)}; check database-url (host, port, user, password, sslmode) and that the server accepts connections from this runner`, { cause: attempts.at(-1).failure });
}
/** Runs fn with a client `open` connected (a plain one by default) and always closes it. */
async function withClient(url, fn, open = connect) {
    const client = await open(url);
    try {
        return await fn(client);
    }
    finally {
        await client.end().catch(() => { });
    }
}


/***/ })

};
