import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { CancelledError, InputError } from '../foundation/errors.js';

// age-encryption is imported when a file is encrypted or decrypted, not with this module: config parsing reads
// parseRecipients on every run, and most runs encrypt nothing.

/**
 * Encrypts a file to age recipients, streaming (64 KiB chunks): the dump never sits in memory. Anyone who can
 * read the repository can download its artifacts; only holders of a matching identity can read this.
 */
export async function encryptFile(
  input: string,
  output: string,
  recipients: string[],
  signal?: AbortSignal,
): Promise<void> {
  const { Encrypter } = await import('age-encryption');
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  const encrypted = await e.encrypt(
    Readable.toWeb(createReadStream(input, { signal })) as unknown as ReadableStream<Uint8Array>,
  );
  try {
    await pipeline(Readable.fromWeb(encrypted as unknown as WebReadableStream<Uint8Array>), createWriteStream(output), {
      signal,
    });
  } catch (err) {
    // A cancel leaves no half-written copy to be taken for the backup.
    rmSync(output, { force: true });
    if (signal?.aborted) throw new CancelledError(String(signal.reason), `while ${input} was encrypted`);
    throw err;
  }
}

/** Decrypts an age file with an identity (AGE-SECRET-KEY-1…), streaming. */
export async function decryptFile(input: string, output: string, identity: string | undefined): Promise<void> {
  if (!identity)
    throw new InputError([
      `${input}: the backup is encrypted; set backup-identity to the age identity (AGE-SECRET-KEY-1…) matching its recipient`,
    ]);
  const { Decrypter } = await import('age-encryption');
  const d = new Decrypter();
  d.addIdentity(identity);
  try {
    const plain = await d.decrypt(Readable.toWeb(createReadStream(input)) as unknown as ReadableStream<Uint8Array>);
    await pipeline(Readable.fromWeb(plain as unknown as WebReadableStream<Uint8Array>), createWriteStream(output));
  } catch (cause) {
    throw new InputError(
      [
        `${input}: cannot be decrypted with backup-identity (${(cause as Error).message}); use the identity matching the backup's recipient`,
      ],
      { cause },
    );
  }
}
