// The one token redactor: masks known secret values, and anything shaped like a credential, in
// every text kiteguard prints or records (warnings, reasons, errors, progress).

/** What a masked credential reads as. */
export const MASK = '[redacted]';

/** A function that masks secrets in a string. */
export type Redact = (text: string) => string;

/** Shapes of GitHub credentials (classic, fine-grained, OAuth, app tokens), Buildkite tokens, JWTs and PEM private keys. */
const CREDENTIAL_PATTERNS = [
  /\bgh[pousr]_[A-Za-z0-9_]{16,}/g,
  /\bbk(?:ua|aa|aj|ar|ct|pt|pat|ps|tx)_[A-Za-z0-9]{16,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{16,}/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

/** Returns a function that replaces the given secrets (four characters or more) and credential-shaped text with `MASK`. */
export function redactor(secrets: Array<string | undefined>): Redact {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  return (text) => {
    let out = text;
    for (const secret of known) out = out.split(secret).join(MASK);
    for (const pattern of CREDENTIAL_PATTERNS) out = out.replace(pattern, MASK);
    return out;
  };
}

/** Masks credential-shaped text only: the last line of defence on everything kiteguard writes to stderr. */
export const scrubCredentials: Redact = redactor([]);
