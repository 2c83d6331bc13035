import { createHash } from 'node:crypto';
/** sha256 of a script with CRLF and CR line endings normalised to LF, so a checkout on Windows matches. */
export function checksum(sql) {
    const normalised = sql.replace(/\r\n?/g, '\n');
    return `sha256:${createHash('sha256').update(normalised, 'utf8').digest('hex')}`;
}
