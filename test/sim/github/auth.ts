// Who is calling the simulator: tokens it knows, GitHub App JWTs, and installation tokens it mints.
import { createHash, randomBytes, verify } from 'node:crypto';
import type { SimPermission } from './model.js';

/** A token the simulator accepts, and what its holder may see. */
export interface SimToken {
  kind: 'classic' | 'fine-grained' | 'installation';
  login: string;
  /** Owners see owner-only settings and are admins of every repository. */
  orgRole: 'owner' | 'member';
  /** Classic tokens only: sent back in `X-OAuth-Scopes`. */
  scopes?: string[];
  /** Sent back in `github-authentication-token-expiration` (e.g. `2030-01-01 00:00:00 UTC`). */
  expiresAt?: string;
  /** Members' permission per repository name (default READ). */
  repoPermissions?: Record<string, SimPermission>;
}

/** A GitHub App the simulator trusts: JWTs signed with its key may mint installation tokens. */
export interface SimApp {
  appId: number;
  publicKeyPem: string;
  installationId: number;
}

/** The identity behind one request. */
export type Caller = { type: 'token'; token: SimToken; identity: string } | { type: 'app'; appId: number; identity: string };

const ORDER: SimPermission[] = ['READ', 'TRIAGE', 'WRITE', 'MAINTAIN', 'ADMIN'];

/** Whether `have` is at least `need`. */
export function atLeast(have: SimPermission, need: SimPermission): boolean {
  return ORDER.indexOf(have) >= ORDER.indexOf(need);
}

/** The caller's permission on one repository. */
export function permissionOn(token: SimToken, repo: string): SimPermission {
  if (token.orgRole === 'owner') return 'ADMIN';
  return token.repoPermissions?.[repo] ?? 'READ';
}

function verifyJwt(jwt: string, app: SimApp): boolean {
  const [h, p, s] = jwt.split('.');
  if (!h || !p || !s) return false;
  const ok = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), app.publicKeyPem, Buffer.from(s, 'base64url'));
  if (!ok) return false;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { iss?: string | number; exp?: number };
  return String(claims.iss) === String(app.appId) && (claims.exp ?? 0) * 1000 > Date.now();
}

/** Resolves `Authorization` headers to callers and mints installation tokens. */
export class SimAuth {
  private readonly tokens: Map<string, SimToken>;

  constructor(
    tokens: Record<string, SimToken>,
    private readonly app: SimApp | undefined,
  ) {
    this.tokens = new Map(Object.entries(tokens));
  }

  /** The caller behind a header, or undefined when the credentials are bad. */
  resolve(header: string | undefined): Caller | undefined {
    const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '');
    if (!m) return undefined;
    const secret = m[1]!;
    const identity = createHash('sha256').update(secret).digest('hex').slice(0, 16);
    const token = this.tokens.get(secret);
    if (token) return { type: 'token', token, identity };
    if (this.app && secret.split('.').length === 3 && verifyJwt(secret, this.app)) return { type: 'app', appId: this.app.appId, identity };
    return undefined;
  }

  /** The installation id the app is installed with, when the simulator has an app. */
  installationId(): number | undefined {
    return this.app?.installationId;
  }

  /** Mints an installation token for the organization (an owner-level view, like an app with org-wide read permissions). */
  mint(): { token: string; expires_at: string } {
    const token = `ghs_${randomBytes(18).toString('hex')}`;
    const expires = new Date(Date.now() + 3600_000);
    this.tokens.set(token, { kind: 'installation', login: `app-${this.app?.appId ?? 0}[bot]`, orgRole: 'owner' });
    return { token, expires_at: expires.toISOString().replace(/\.\d+Z$/, 'Z') };
  }
}
