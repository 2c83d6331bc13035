import type pg from 'pg';

/** What node-postgres's client does with each authentication request; replaced per client, before it connects. */
interface AuthHandlers {
  connection: {
    emit(event: 'error', err: Error): boolean;
    sendSASLInitialResponseMessage(mechanism: string, response: string): void;
  };
  _handleAuthCleartextPassword(msg: unknown): void;
  _handleAuthMD5Password(msg: unknown): void;
  _handleAuthSASL(msg: { mechanisms: string[] }): void;
}

const refusal = (why: string) =>
  Object.assign(new Error(`channel_binding=require, but ${why}; nothing was sent`), { code: 'channel_binding' });

/**
 * channel_binding=require as libpq enforces it: the password is never sent unless the server authenticates with
 * SCRAM-SHA-256-PLUS, which binds the TLS channel, so a man in the middle cannot relay it. A request for a password
 * in clear text or MD5, or a SASL offer without -PLUS, ends the attempt before anything is sent. node-postgres has
 * no such setting (it uses -PLUS when offered), so its handlers for those requests are wrapped on this client, which
 * binds them when it connects. Returns the check for after connecting: a server that asked for no password at all
 * (trust) authenticated nothing with channel binding, which libpq refuses too.
 */
export function requireChannelBinding(client: pg.Client): () => void {
  const c = client as unknown as AuthHandlers;
  let mechanism: string | undefined;
  const refuse = (why: string) => void c.connection.emit('error', refusal(why));
  c._handleAuthCleartextPassword = () => refuse('the server asked for the password in clear text');
  c._handleAuthMD5Password = () => refuse('the server asked for an MD5 password hash');
  const sasl = c._handleAuthSASL.bind(client);
  c._handleAuthSASL = (msg) => {
    if (!msg.mechanisms.includes('SCRAM-SHA-256-PLUS'))
      return refuse(
        `the server offered ${msg.mechanisms.join(', ')} without channel binding (it needs SCRAM over TLS)`,
      );
    sasl(msg);
  };
  const send = c.connection.sendSASLInitialResponseMessage.bind(c.connection);
  c.connection.sendSASLInitialResponseMessage = (chosen, response) => {
    mechanism = chosen;
    if (chosen !== 'SCRAM-SHA-256-PLUS') return refuse('the connection is not over TLS, so SCRAM cannot bind it');
    send(chosen, response);
  };
  return () => {
    if (mechanism !== 'SCRAM-SHA-256-PLUS')
      throw refusal('the server authenticated this connection without a password, so without channel binding');
  };
}
