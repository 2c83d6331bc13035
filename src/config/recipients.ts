/** Public keys a backup may be encrypted to: age's X25519 recipients (age1…). */
export function parseRecipients(value: string): string[] | string {
  const keys = value.split(/[\s,]+/).filter(Boolean);
  const bad = keys.filter((k) => !/^age1[0-9a-z]{50,}$/.test(k));
  return bad.length
    ? `backup-recipient: '${bad[0]}' is not an age public key (age1…); generate one with age-keygen`
    : keys;
}
