// Single-repository mode (CI gate): named repositories in one GraphQL query plus one REST GET each.
import { UsageError } from '../../errors.js';
import { ok, unavailable, type Section } from '../../snapshot/section.js';
import type { RunContext } from './context.js';
import { describeFailure } from './failure.js';
import { fieldErrorPaths, fieldErrors, runQuery, type GqlError } from './graphql.js';
import { splitFullName } from './options.js';
import { namedRepositoriesQuery } from './queries.js';
import { missingEntry, repositoryEntry, seesAdminParts, type GqlRepository } from './repository-entry.js';
import { securityFromRepo, securitySection, type SecurityResult } from './security.js';
import type { RepositoryEntry } from '../../snapshot/github.js';

type TeamEdges = { totalCount: number; edges: ({ permission: string; node: { nameWithOwner: string } } | null)[] | null };
type NamedData = {
  organization: { viewerCanAdminister: boolean; teams: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ({ slug: string } & Record<string, TeamEdges | string>)[] } } | null;
} & Record<string, GqlRepository | null | unknown>;

/** Most repositories per GraphQL request in this mode. */
const BATCH = 20;

function teamsFor(data: NamedData[], fullName: string, i: number): Section<{ slug: string; permission: string }[]> {
  const out: { slug: string; permission: string }[] = [];
  for (const page of data) {
    for (const team of page.organization?.teams.nodes ?? []) {
      const conn = team[`q${i}`] as TeamEdges | undefined;
      if (!conn) return unavailable('team permissions were not returned');
      const edge = conn.edges?.find((e) => e?.node.nameWithOwner === fullName);
      if (edge) out.push({ slug: team.slug, permission: edge.permission });
      else if (conn.totalCount > (conn.edges?.length ?? 0)) return unavailable(`team ${team.slug} has more than 100 repositories matching "${fullName}"; its permission could not be checked`);
    }
  }
  return ok(out);
}

async function batchEntries(run: RunContext, names: string[]): Promise<RepositoryEntry[]> {
  const { client, stats, events, options, cache } = run;
  const vars: Record<string, unknown> = { org: options.org, cursor: null };
  names.forEach((n, i) => Object.assign(vars, { [`o${i}`]: splitFullName(n).owner, [`n${i}`]: splitFullName(n).name }));
  const securities = Promise.all(names.map((n) => securityFromRepo(client, cache, n)));
  const pages: NamedData[] = [];
  const errors: GqlError[] = [];
  try {
    do {
      const res = await runQuery<NamedData>(client, stats, events, namedRepositoriesQuery(names.length), vars);
      pages.push(res.data);
      errors.push(...res.errors);
      const info = res.data.organization?.teams.pageInfo;
      vars.cursor = info?.hasNextPage ? info.endCursor : null;
    } while (vars.cursor);
  } catch (e) {
    await securities;
    const why = describeFailure(e, 'repository', 'read access to the repository', client.redact);
    return names.map((n) => missingEntry(n, why));
  }
  const security: SecurityResult[] = await securities;
  const first = pages[0]!;
  const byAlias = fieldErrors(errors, []);
  const pathsByAlias = fieldErrorPaths(errors, []);
  const credential = 'token' in options.auth ? 'token' : 'app';
  return names.map((fullName, i) => {
    const node = first[`r${i}`] as GqlRepository | null | undefined;
    if (!node) {
      const e = errors.find((x) => x.path?.length === 1 && x.path[0] === `r${i}`);
      return missingEntry(fullName, unavailable(client.redact(`repository ${fullName}: ${e?.message ?? 'not returned'}`), { needs: 'read access to the repository' }));
    }
    return repositoryEntry(node, {
      fieldErrors: byAlias.get(`r${i}`) ?? new Map(),
      errorPaths: pathsByAlias.get(`r${i}`) ?? new Map(),
      orgAdmin: first.organization?.viewerCanAdminister ?? false,
      teams: first.organization ? teamsFor(pages, node.nameWithOwner, i) : unavailable(`team permissions: ${byAlias.get('organization')?.values().next().value ?? 'organization not returned'}`),
      security: securitySection(node.nameWithOwner, seesAdminParts(node.viewerPermission, credential), security[i]),
      credential,
    });
  });
}

/** Reads the named repositories (`owner/name`, owner must be the organization). */
export async function collectNamedRepositories(run: RunContext, names: string[]): Promise<Section<RepositoryEntry[]>> {
  for (const n of names) {
    if (splitFullName(n).owner.toLowerCase() !== run.options.org.toLowerCase()) throw new UsageError(`repository ${n} is not in organization ${run.options.org}`);
  }
  const out: RepositoryEntry[] = [];
  for (let i = 0; i < names.length; i += BATCH) out.push(...(await batchEntries(run, names.slice(i, i + BATCH))));
  run.events.progress('github', 'repositories', out.length, names.length);
  return ok(out);
}
