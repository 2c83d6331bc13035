/** Replaces the password of any postgres URL in a text, and every known secret, with `***`. */
export function redact(text, secrets = []) {
    let out = text.replace(/(postgres(?:ql)?:\/\/[^:/?#@\s]*:)[^@\s]*@/gi, '$1***@');
    for (const s of secrets)
        if (s)
            out = out.split(s).join('***');
    return out;
}
