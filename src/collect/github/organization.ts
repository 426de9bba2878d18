// Organization-level REST reads: settings, app installations and fine-grained PAT grants.
import { ok, unavailable, type Section } from '../../snapshot/section.js';
import type { GithubClient } from './client.js';
import type { EtagCache } from './etag-cache.js';
import { describeFailure } from './failure.js';
import { cachedGet, getAllPages } from './rest.js';

/** Organization settings and the owner-only 2FA flag split out. */
export interface OrganizationResult {
  organization: Section<Record<string, unknown> & { login: string }>;
  twoFactor: Section<{ enabled: boolean }>;
}

/** `GET /orgs/{org}`; owner-only fields are absent for other callers, so 2FA then reads "not visible". */
export async function collectOrganization(client: GithubClient, cache: EtagCache, org: string): Promise<OrganizationResult> {
  try {
    const { data } = await cachedGet<Record<string, unknown> & { login: string }>(client, cache, `/orgs/${encodeURIComponent(org)}`);
    const flag = data.two_factor_requirement_enabled;
    return {
      organization: ok(data),
      twoFactor: typeof flag === 'boolean' ? ok({ enabled: flag }) : unavailable('two_factor_requirement_enabled is shown to organization owners only', { needs: 'organization owner (classic token: read:org)' }),
    };
  } catch (e) {
    const why = describeFailure(e, 'organization settings', 'membership of the organization (classic token: read:org)', client.redact);
    return { organization: why, twoFactor: why };
  }
}

/** `GET /orgs/{org}/installations`: the GitHub Apps installed on the organization. */
export async function collectInstallations(client: GithubClient, cache: EtagCache, org: string, concurrency: number): Promise<Section<Record<string, unknown>[]>> {
  try {
    const { items, failures } = await getAllPages<Record<string, unknown>>(client, cache, `/orgs/${encodeURIComponent(org)}/installations`, concurrency, (b) => (b as { installations: Record<string, unknown>[] }).installations);
    if (failures.length) return describeFailure(failures[0], 'app installations', 'organization owner (classic token: admin:read or read:org)', client.redact);
    return ok(items);
  } catch (e) {
    return describeFailure(e, 'app installations', 'organization owner (classic token: read:org)', client.redact);
  }
}

/** `GET /orgs/{org}/personal-access-tokens`, which only a GitHub App installation may call. */
export async function collectPatGrants(client: GithubClient, cache: EtagCache, org: string, concurrency: number, isApp: boolean): Promise<Section<Record<string, unknown>[]>> {
  const needs = 'a GitHub App installation with the organization "Personal access tokens" read permission';
  if (!isApp) return unavailable('not collectable with this credential: fine-grained personal access token grants can only be listed by a GitHub App', { needs });
  try {
    const { items, failures } = await getAllPages<Record<string, unknown>>(client, cache, `/orgs/${encodeURIComponent(org)}/personal-access-tokens`, concurrency);
    if (failures.length) return describeFailure(failures[0], 'personal access token grants', needs, client.redact);
    return ok(items);
  } catch (e) {
    return describeFailure(e, 'personal access token grants', needs, client.redact);
  }
}
