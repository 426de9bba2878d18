// The one token redactor: masks known secret values, and anything shaped like a credential, in
// every text kiteguard prints or records (warnings, reasons, errors, progress); and the
// shape-preserving mask applied to every string of a snapshot as it is written.

/** What a masked credential reads as. */
export const MASK = '[redacted]';

/** A function that masks secrets in a string. */
export type Redact = (text: string) => string;

/** Shapes of GitHub credentials (classic, fine-grained, OAuth, app tokens), Buildkite tokens, JWTs and PEM private keys
 * (at least every shape `policies/lib/secrets.rego` detects for these kinds). */
const CREDENTIAL_PATTERNS = [
  /\bgh[pousr]_[A-Za-z0-9_]{16,}/g,
  /\bbk(?:ua|aa|aj|ar|ct|rt|pt|pat|ps|tx)_[A-Za-z0-9][A-Za-z0-9._-]{15,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{16,}/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----/g,
];

/** A cheap test for whether a text may hold any credential shape at all. */
const ANY_SHAPE = /gh[pousr]_|github_pat_|bk[a-z]{2,3}_|eyJ|PRIVATE KEY/;

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

/** What replaces the secret letters and digits of a credential: no placeholder word, so detectors still see a credential. */
const FILL = 'KgMasked';

/**
 * Masks credentials by shape: the prefix that names the kind (`ghp_`, `github_pat_`, `bkua_`, each JWT segment's
 * `eyJ`, a PEM key's BEGIN and END lines) and every character that is not a letter or digit stay where they were,
 * every other letter or digit becomes one of `KgMasked`. The text keeps its length and lines, so a detector finds
 * the same kind of credential at the same line and column, but the secret is gone.
 */
export function maskCredentialShapes(text: string): string {
  if (!ANY_SHAPE.test(text)) return text;
  let out = text;
  for (const pattern of CREDENTIAL_PATTERNS) out = out.replace(pattern, maskOne);
  return out;
}

function maskOne(match: string): string {
  if (match.startsWith('-----BEGIN')) {
    const head = match.indexOf('-----', 10) + 5;
    const tail = match.lastIndexOf('-----END');
    return match.slice(0, head) + fill(match.slice(head, tail)) + match.slice(tail);
  }
  if (match.startsWith('eyJ')) return match.split('.').map((part) => (part.startsWith('eyJ') ? `eyJ${fill(part.slice(3))}` : fill(part))).join('.');
  const prefix = /^(?:github_pat_|[a-z]+_)/.exec(match)![0];
  return prefix + fill(match.slice(prefix.length));
}

function fill(secret: string): string {
  let i = 0;
  return secret.replace(/[A-Za-z0-9]/g, () => FILL[i++ % FILL.length]!);
}

/** Masks credential shapes in every string (not key) of a JSON value, in place; returns how many strings changed. */
export function maskCredentialsDeep(value: unknown): number {
  let changed = 0;
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (typeof v !== 'string') visit(v);
      else if (ANY_SHAPE.test(v)) {
        const masked = maskCredentialShapes(v);
        if (masked !== v) (record[key] = masked), (changed += 1);
      }
    }
  };
  visit(value);
  return changed;
}
