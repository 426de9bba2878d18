// Tells failures with no HTTP answer apart from HTTP errors, and stops a provider's requests once
// its API host cannot be reached or has rejected the credential, so a dead host costs seconds, not minutes.
import { ApiUnusableError } from '../errors.js';

/** Attempts a request gets when no HTTP answer comes back (the first included). */
export const NETWORK_ATTEMPTS = 3;

/** Failure codes, before any HTTP answer, in words a user reads. */
const CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  UND_ERR_SOCKET: 'connection closed before an answer',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'host name lookup failed (DNS)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

/** Codes no retry can cure: a name that does not resolve, a TLS handshake that fails. */
const PERMANENT = new Set(['ENOTFOUND']);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH)/;

/** Why a request that got no HTTP answer failed: the cause in words and whether another attempt may help; undefined when it is not a connection failure. */
export function connectionFailure(error: unknown): { cause: string; retry: boolean } | undefined {
  const err = error as { cause?: { code?: unknown; message?: unknown } } | undefined;
  const code = typeof err?.cause?.code === 'string' ? err.cause.code : undefined;
  if (code && TLS_CODE.test(code)) return { cause: `TLS handshake failed (${code})`, retry: false };
  if (code && CAUSES[code]) return { cause: CAUSES[code], retry: !PERMANENT.has(code) };
  if (err?.cause?.message === 'bad port') return { cause: 'port refused by the HTTP client (a port reserved for another protocol)', retry: false };
  return undefined;
}

/** A URL as messages show it: no user name, password, query or fragment. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`.replace(/\/+$/, '');
  } catch {
    return '(an unreadable URL)';
  }
}

/** Remembers whether one API host can be used; once it cannot, every later request fails at once with the same error.
 * After a request got no answer, it alone probes the host (a few attempts) while the others wait for the verdict. */
export class ApiGate {
  private failure: ApiUnusableError | undefined;
  private successes = 0;
  private probe: { owner: object; done: Promise<void>; settle: () => void } | undefined;

  /** `url` is the API base shown in messages (credentials stripped). */
  constructor(readonly url: string) {}

  /** Waits while another request probes the host; then throws the error that closed the gate, if it is closed. */
  async enter(request: object): Promise<void> {
    while (this.probe && this.probe.owner !== request) await this.probe.done;
    if (this.failure) throw this.failure;
  }

  /** Whether `request` must not send now: another request is probing the host, or the gate is closed. */
  mustWait(request: object): boolean {
    return this.failure !== undefined || (this.probe !== undefined && this.probe.owner !== request);
  }

  /** `request` got no HTTP answer (`cause`, `retry` from `connectionFailure`) on its `attempt`-th try: true when it may try
   * again (it probes, the others wait), false when the gate is now closed. */
  noAnswer(request: object, failure: { cause: string; retry: boolean }, attempt: number): boolean {
    if (this.failure) return false;
    if (!failure.retry || attempt >= NETWORK_ATTEMPTS) {
      this.unreachable(failure.cause);
      return false;
    }
    if (!this.probe) {
      let settle = () => {};
      const done = new Promise<void>((resolve) => (settle = resolve));
      this.probe = { owner: request, done, settle };
    }
    return true;
  }

  /** Ends a probe that finished some other way (a timeout, a cut-short body): the host answered something. */
  settled(): void {
    this.probe?.settle();
    this.probe = undefined;
  }

  /** Records an HTTP answer; a 401 closes the gate as "token rejected". */
  answered(status: number, upstream?: string): void {
    this.settled();
    if (status < 400) this.successes += 1;
    if (status === 401 && !this.failure) {
      this.failure = new ApiUnusableError('rejected', `token rejected by ${displayUrl(this.url)} (401${upstream ? ` ${upstream}` : ''}); check the token, its expiry and its organization`);
    }
  }

  /** Closes the gate: the host could not be reached for `cause`. Returns the error to throw. */
  unreachable(cause: string): ApiUnusableError {
    this.failure ??= new ApiUnusableError('unreachable', `cannot reach ${displayUrl(this.url)}: ${cause}`);
    this.settled();
    return this.failure;
  }

  /** The error that closed the gate, if any. */
  get closedBy(): ApiUnusableError | undefined {
    return this.failure;
  }

  /** Whether any request through this gate has succeeded. */
  get succeeded(): boolean {
    return this.successes > 0;
  }

  /** The error that closed the gate when no request through it ever succeeded (nothing could be collected). */
  get unusable(): ApiUnusableError | undefined {
    return this.successes === 0 ? this.failure : undefined;
  }
}
