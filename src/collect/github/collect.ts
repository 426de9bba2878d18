// The GitHub collector: reads an organization (or named repositories) and returns the `github` snapshot section.
import { ok, unavailable, type Section, type Unavailable } from '../../snapshot/section.js';
import { SILENT_EVENTS, type CollectEvents } from '../events.js';
import { redactor } from '../../redact.js';
import { ApiUnusableError } from '../../errors.js';
import { emptyStats, type CallStats } from '../stats.js';
import { createGithubClient, type GithubClient } from './client.js';
import { EtagCache } from './etag-cache.js';
import { describeFailure } from './failure.js';
import { incompletePaths } from './incomplete.js';
import { collectInstallations, collectOrganization, collectPatGrants } from './organization.js';
import { restBase, type CollectGithubOptions } from './options.js';
import { collectMoreCollaborators, collectRepositoryNodes } from './repositories.js';
import { missingEntry, repositoryEntry, seesAdminParts } from './repository-entry.js';
import { securityFromOrgList, securitySection } from './security.js';
import { collectNamedRepositories } from './single-repo.js';
import { collectTeams, type TeamsResult } from './teams.js';
import { tokenSection } from './token.js';
import type { GithubSnapshot, RepositoryEntry } from '../../snapshot/github.js';
import type { RunContext } from './context.js';

/** Sections only a GitHub App installation can read: a token can never collect them, so they are not "incomplete". */
const APP_ONLY = ['personal_access_tokens'] as const;

/** Sections skipped on purpose in single-repository mode (not failures, so not "incomplete"). */
const SKIPPED_IN_REPO_MODE = ['org_rulesets', 'teams', 'installations', 'personal_access_tokens'] as const;

function everythingUnavailable(base: string, options: CollectGithubOptions, why: Unavailable): GithubSnapshot {
  return {
    api_url: base,
    org: options.org,
    mode: options.repos?.length ? 'repositories' : 'organization',
    token: why,
    organization: why,
    two_factor_requirement: why,
    org_rulesets: why,
    teams: why,
    installations: why,
    personal_access_tokens: why,
    repositories: why,
  };
}

async function collectOrgRepositories(run: RunContext, teams: Promise<Section<TeamsResult>>): Promise<Section<RepositoryEntry[]>> {
  const { client, stats, events, options, cache } = run;
  const keep = options.repoFilter ?? (() => true);
  let nodes;
  let missing;
  let orgAdmin: boolean | undefined;
  try {
    ({ nodes, missing, orgAdmin } = await collectRepositoryNodes(client, stats, events, options.org, keep));
  } catch (e) {
    return describeFailure(e, 'repositories', 'read access to the organization repositories', client.redact);
  }
  const credential = 'token' in options.auth ? 'token' : 'app';
  const anyAdmin = nodes.some((n) => seesAdminParts(n.node.viewerPermission, credential));
  const [security, more, teamResult] = await Promise.all([
    anyAdmin ? securityFromOrgList(client, cache, options.org, run.concurrency) : Promise.resolve(undefined),
    collectMoreCollaborators(client, stats, events, nodes),
    teams,
  ]);
  const lost = missing.map((m) => missingEntry(m.fullName, unavailable(client.redact(`repository ${m.fullName} could not be read: ${m.reason}`), { needs: 'read access to the repository' })));
  return ok([
    ...lost,
    ...nodes.map(({ node, errors, errorPaths }) =>
      repositoryEntry(node, {
        fieldErrors: errors,
        errorPaths,
        orgAdmin: orgAdmin ?? (teamResult.status === 'ok' && teamResult.data.orgAdmin),
        teams: teamResult.status === 'ok' ? ok(teamResult.data.byRepo.get(node.nameWithOwner) ?? []) : teamResult,
        security: securitySection(node.nameWithOwner, seesAdminParts(node.viewerPermission, credential), security),
        moreCollaborators: more.get(node.nameWithOwner),
        credential,
      }),
    ),
  ]);
}

async function collectOrganizationMode(run: RunContext, base: string): Promise<GithubSnapshot> {
  const { client, stats, events, options, cache, concurrency } = run;
  const teams: Promise<Section<TeamsResult>> = collectTeams(client, stats, events, options.org).then(
    (t) => ok(t),
    (e: unknown) => describeFailure(e, 'teams', 'organization membership (classic token: read:org)', client.redact),
  );
  const [org, installations, pats, repositories, teamResult] = await Promise.all([
    collectOrganization(client, cache, options.org),
    collectInstallations(client, cache, options.org, concurrency),
    collectPatGrants(client, cache, options.org, concurrency, !('token' in options.auth)),
    collectOrgRepositories(run, teams),
    teams,
  ]);
  return {
    api_url: base,
    org: options.org,
    mode: 'organization',
    token: tokenSection(options.auth, client.credential, client.appInstallationId),
    organization: org.organization,
    two_factor_requirement: org.twoFactor,
    org_rulesets: teamResult.status === 'ok' ? teamResult.data.orgRulesets : teamResult,
    teams: teamResult.status === 'ok' ? teamResult.data.teams : teamResult,
    installations,
    personal_access_tokens: pats,
    repositories,
  };
}

async function collectRepositoriesMode(run: RunContext, base: string, names: string[]): Promise<GithubSnapshot> {
  const { client, options, cache } = run;
  const skipped = unavailable('not collected in single-repository mode; run without repositories for the organization-wide sections');
  const [org, repositories] = await Promise.all([collectOrganization(client, cache, options.org), collectNamedRepositories(run, names)]);
  return {
    api_url: base,
    org: options.org,
    mode: 'repositories',
    token: tokenSection(options.auth, client.credential, client.appInstallationId),
    organization: org.organization,
    two_factor_requirement: org.twoFactor,
    org_rulesets: skipped,
    teams: skipped,
    installations: skipped,
    personal_access_tokens: skipped,
    repositories,
  };
}

/** The collector's result: the snapshot section, call counts, and readable paths of every part left unavailable. */
export interface GithubCollection {
  snapshot: GithubSnapshot;
  stats: CallStats;
  incomplete: string[];
  /** Readable paths of sections this kind of credential can never read. */
  notCollectable: string[];
  /** Why nothing at all could be collected: the API host unreachable or the credential rejected (credentials masked). */
  unusable?: string;
}

/** Collects the `github` snapshot section; parts that cannot be read are marked unavailable and listed in `incomplete`. */
export async function collectGithub(options: CollectGithubOptions, events: CollectEvents = SILENT_EVENTS): Promise<GithubCollection> {
  const base = restBase(options.apiUrl);
  const stats = emptyStats();
  let client: GithubClient;
  try {
    client = await createGithubClient(base, options, events, stats);
  } catch (e) {
    const secret = 'token' in options.auth ? options.auth.token : options.auth.privateKey;
    const why = describeFailure(e, 'GitHub authentication', 'a valid token, or a GitHub App id, private key and installation', redactor([secret]));
    const snapshot = everythingUnavailable(base, options, why);
    const cause = (e as { cause?: unknown } | undefined)?.cause;
    const unusable = e instanceof ApiUnusableError ? e : cause instanceof ApiUnusableError ? cause : undefined;
    return { snapshot, stats, incomplete: incompletePaths(snapshot), notCollectable: [], ...(unusable ? { unusable: redactor([secret])(unusable.message) } : {}) };
  }
  const run: RunContext = { options, events, stats, client, cache: new EtagCache(options.cacheDir, client.identity), concurrency: Math.max(1, options.concurrency ?? 4) };
  const names = (options.repos ?? []).filter((n) => (options.repoFilter ? options.repoFilter(n) : true));
  const snapshot = options.repos?.length ? await collectRepositoriesMode(run, base, names) : await collectOrganizationMode(run, base);
  const notCollectable = 'token' in options.auth && !options.repos?.length ? [...APP_ONLY] : [];
  const incomplete = incompletePaths(snapshot, new Set([...(options.repos?.length ? SKIPPED_IN_REPO_MODE : []), ...notCollectable]));
  const unusable = client.gate.unusable;
  if (!unusable) for (const path of incomplete) events.warn('github', `unavailable: ${path}`);
  return { snapshot, stats, incomplete, notCollectable: notCollectable.map((k) => `github.${k}`), ...(unusable ? { unusable: client.redact(unusable.message) } : {}) };
}
