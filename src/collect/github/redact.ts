// Keeps credentials out of every message the collector writes: warnings, reasons, errors.

/** A function that blanks out secrets in a string. */
export type Redact = (text: string) => string;

/** Shapes of GitHub credentials (classic, fine-grained, OAuth, app tokens) and JWTs. */
const CREDENTIAL_PATTERNS = [/\bgh[pousr]_[A-Za-z0-9_]{16,}/g, /\bgithub_pat_[A-Za-z0-9_]{16,}/g, /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g];

/** Builds a redactor for the known secrets plus anything that looks like a GitHub credential. */
export function redactor(secrets: string[]): Redact {
  const known = secrets.filter((s) => s.length >= 8);
  return (text) => {
    let out = text;
    for (const s of known) out = out.split(s).join('[REDACTED]');
    for (const re of CREDENTIAL_PATTERNS) out = out.replace(re, '[REDACTED]');
    return out;
  };
}
