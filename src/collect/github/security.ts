// `security_and_analysis` from REST (GraphQL lacks it): the org repository list, or one repository's GET.
import { ok, unavailable, type Section, type Unavailable } from '../../snapshot/section.js';
import type { GithubClient } from './client.js';
import type { EtagCache } from './etag-cache.js';
import { describeFailure } from './failure.js';
import { cachedGet, getAllPages } from './rest.js';

type Security = Record<string, { status?: string } & Record<string, unknown>>;
type RestRepo = { full_name: string; security_and_analysis?: Security | null };

/** What the REST reads found: settings per repository, and why some could not be read. */
export interface SecurityResult {
  byRepo: Map<string, Security | null>;
  /** Set when some or all list pages failed: repositories not found get this reason. */
  failure?: Unavailable;
}

const NEEDS = 'admin permission on the repository';

/** Reads the org repository list (100 a page), which carries `security_and_analysis` for repositories the caller administers. */
export async function securityFromOrgList(client: GithubClient, cache: EtagCache, org: string, concurrency: number): Promise<SecurityResult> {
  try {
    const { items, failures } = await getAllPages<RestRepo>(client, cache, `/orgs/${encodeURIComponent(org)}/repos?type=all`, concurrency);
    const byRepo = new Map(items.map((r) => [r.full_name, r.security_and_analysis ?? null] as const));
    return { byRepo, failure: failures.length ? describeFailure(failures[0], 'security_and_analysis (org repository list)', NEEDS, client.redact) : undefined };
  } catch (e) {
    return { byRepo: new Map(), failure: describeFailure(e, 'security_and_analysis (org repository list)', NEEDS, client.redact) };
  }
}

/** Reads one repository's `security_and_analysis` with `GET /repos/{owner}/{repo}`. */
export async function securityFromRepo(client: GithubClient, cache: EtagCache, fullName: string): Promise<SecurityResult> {
  try {
    const { data } = await cachedGet<RestRepo>(client, cache, `/repos/${fullName}`);
    return { byRepo: new Map([[fullName, data.security_and_analysis ?? null]]) };
  } catch (e) {
    return { byRepo: new Map(), failure: describeFailure(e, 'security_and_analysis', NEEDS, client.redact) };
  }
}

/** The section for one repository: settings when shown, "admin only" when the caller is not an admin, else why not. */
export function securitySection(fullName: string, viewerPermission: string | null, result: SecurityResult | undefined): Section<Security> {
  if (viewerPermission !== 'ADMIN') return unavailable('security_and_analysis is shown to repository admins only', { needs: NEEDS });
  if (!result) return unavailable('security_and_analysis was not read');
  const found = result.byRepo.get(fullName);
  if (found) return ok(found);
  if (result.byRepo.has(fullName)) return unavailable('GitHub reported no security_and_analysis for this repository (feature not available on this plan or server)');
  return result.failure ?? unavailable('repository was missing from the organization repository list');
}
