// The GitHub simulator's entry points for tests.
import type { SimToken } from './auth.js';

export { startGithubSim, type GithubSim, type SimOptions, type SimStats } from './server.js';
export { fixtureOrg } from './fixture.js';
export { generateOrg, type GenerateOptions } from './generate.js';
export type { SimToken, SimApp } from './auth.js';
export type { Fault, FaultRule } from './faults.js';
export { validateResponse } from './openapi.js';

/** Well-known test tokens: an org owner, a member with write on `web` only, and a fine-grained owner token. */
export const TOKENS = {
  owner: 'ghp_0wner0000000000000000000000000000000',
  member: 'ghp_member000000000000000000000000000000',
  fineGrained: 'github_pat_11FINE000000000000000000000000000000',
} as const;

/** The simulator's token table for `TOKENS`, plus any extra tokens. */
export function fixtureTokens(extra: Record<string, SimToken> = {}): Record<string, SimToken> {
  return {
    [TOKENS.owner]: { kind: 'classic', login: 'owner', orgRole: 'owner', scopes: ['read:org', 'repo'], expiresAt: '2030-01-01 00:00:00 UTC' },
    [TOKENS.member]: { kind: 'classic', login: 'member', orgRole: 'member', scopes: ['repo'], repoPermissions: { web: 'WRITE' } },
    [TOKENS.fineGrained]: { kind: 'fine-grained', login: 'owner', orgRole: 'owner', expiresAt: '2029-06-30 12:00:00 UTC' },
    ...extra,
  };
}
