/**
 * Replaces every password of a postgres URL (`user:pw@`) or conninfo string (`password=pw`, also as a URL query
 * parameter), and every known secret, with `***`.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(/(postgres(?:ql)?:\/\/[^:/?#@\s]*:)[^@\s]*@/gi, '$1***@');
  out = out.replace(/(password\s*=\s*)(?:'(?:[^'\\]|\\.)*'|[^\s&#'"]+)/gi, '$1***');
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out;
}

/** A password as libpq reads it (percent-decoded) and as it was written in the URL. */
export interface UrlPassword {
  value: string;
  written: string;
}

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The passwords of a postgres URL, from both places libpq reads them: the user info (`user:pw@`) and `password`
 * query parameters; when there are several, libpq uses the last. `url` is the URL without them. Parsed as libpq
 * parses, not with WHATWG URL, so that no URL libpq accepts keeps its password out of reach.
 */
export function urlPasswords(url: string): { url: string; passwords: UrlPassword[] } {
  const passwords: UrlPassword[] = [];
  const m = /^(postgres(?:ql)?:\/\/)(?:([^@/]*)@)?([^?]*)(?:\?(.*))?$/is.exec(url);
  if (!m) return { url, passwords };
  const [, scheme, userInfo, rest, query] = m;
  let user = userInfo;
  if (userInfo?.includes(':')) {
    const written = userInfo.slice(userInfo.indexOf(':') + 1);
    user = userInfo.slice(0, userInfo.indexOf(':'));
    if (written) passwords.push({ value: decoded(written), written });
  }
  const params = (query ?? '').split('&').filter((p) => {
    const [key, written = ''] = p.split(/=(.*)/s);
    if (decoded(key) !== 'password') return true;
    if (written) passwords.push({ value: decoded(written), written });
    return false;
  });
  const kept = params.filter(Boolean).join('&');
  return { url: `${scheme}${user ? `${user}@` : ''}${rest}${kept ? `?${kept}` : ''}`, passwords };
}
