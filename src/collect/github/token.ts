// What kind of credential the collector used, from its prefix and GitHub's response headers; never the credential.
import { ok, unavailable, type Section } from '../../snapshot/section.js';
import type { CredentialHeaders } from './client.js';
import type { GithubAuth } from './options.js';
import type { TokenInfo } from '../../snapshot/github.js';

const PREFIXES: [RegExp, TokenInfo['kind']][] = [
  [/^ghp_/, 'classic'],
  [/^github_pat_/, 'fine-grained'],
  [/^gho_/, 'oauth'],
  [/^ghu_/, 'user-to-server'],
  [/^ghs_/, 'app-installation'],
];

/** The token section: kind, classic scopes (`X-OAuth-Scopes`) and expiry (`github-authentication-token-expiration`). */
export function tokenSection(auth: GithubAuth, headers: CredentialHeaders | undefined, installationId: number | undefined): Section<TokenInfo> {
  if (!headers) return unavailable('no response from GitHub carried the credential headers');
  const expires_at = headers.expiration;
  if (!('token' in auth)) {
    return ok({ kind: 'app-installation', scopes: null, expires_at, app_id: Number(auth.appId), ...(installationId !== undefined ? { installation_id: installationId } : {}) });
  }
  const kind = PREFIXES.find(([re]) => re.test(auth.token))?.[1] ?? (headers.scopes !== null ? 'classic' : 'unknown');
  const scopes = headers.scopes === null ? null : headers.scopes.split(',').map((s) => s.trim()).filter(Boolean);
  return ok({ kind, scopes, expires_at });
}
