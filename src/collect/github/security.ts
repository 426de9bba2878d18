// `security_and_analysis` from REST (GraphQL lacks it): the org repository list, or one repository's GET.
import { ok, unavailable, type Section, type Unavailable } from '../../snapshot/section.js';
import type { GithubClient } from './client.js';
import { isObject } from '../shape.js';
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
    const { items, failures } = await getAllPages<RestRepo | null>(client, cache, `/orgs/${encodeURIComponent(org)}/repos?type=all`, concurrency);
    // An entry without its name cannot be matched to a repository: only the repositories not found are unknown.
    const named = items.filter((r): r is RestRepo => isObject(r) && typeof r.full_name === 'string');
    const byRepo = new Map(named.map((r) => [r.full_name, r.security_and_analysis ?? null] as const));
    const unnamed = items.length - named.length;
    const failure = failures.length
      ? describeFailure(failures[0], 'security_and_analysis (org repository list)', NEEDS, client.redact)
      : unnamed > 0
        ? unavailable(`security_and_analysis: ${unnamed} of ${items.length} entries of the organization repository list came back without a name, and this repository was not among the others`)
        : undefined;
    return { byRepo, failure };
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

/** The section for one repository: settings when the API showed them, "admin only" when the caller cannot see them, else why not. */
export function securitySection(fullName: string, seesAdmin: boolean, result: SecurityResult | undefined): Section<Security> {
  const found = result?.byRepo.get(fullName);
  if (isObject(found)) return securityEntries(found);
  if (!seesAdmin) return unavailable('security_and_analysis is shown to repository admins only', { needs: NEEDS });
  if (!result) return unavailable('security_and_analysis was not read');
  if (result.byRepo.has(fullName)) return unavailable('GitHub returned no security_and_analysis for this repository: not shown to this credential, or not available on this plan or server', { needs: NEEDS });
  return result.failure ?? unavailable('repository was missing from the organization repository list');
}

/**
 * The settings with each feature checked on its own: a feature whose `status` is not `enabled` or `disabled` is an
 * `unavailable` envelope in its place (unknown to the rules that read it, never "disabled"); the others stay as read.
 */
function securityEntries(found: Record<string, unknown>): Section<Security> {
  const out: Security = {};
  for (const [key, value] of Object.entries(found)) {
    const status = isObject(value) ? value.status : undefined;
    out[key] = status === 'enabled' || status === 'disabled' ? (value as Security[string]) : { ...unavailable(`\`${key}\` came back ${value === null ? 'null' : isObject(value) ? 'without its status' : `as ${typeof value}`}`) };
  }
  return ok(out);
}
