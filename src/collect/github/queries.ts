// The GraphQL documents the collector sends; every one validates against GitHub's published schema.

/** Page sizes of nested connections; a repository with more than these gets its part marked as cut short. */
export const LIMITS = { repositories: 100, protectionRules: 10, rulesets: 10, rulesetRules: 30, bypassActors: 20, branchRules: 50, collaborators: 20, teams: 100, teamRepositories: 100, orgRulesets: 50 } as const;

/** Buildkite's conventional pipeline file names outside `.buildkite/`: those `buildkite-agent pipeline upload` reads by default, and `.buildkite.y(a)ml`. */
export const ROOT_PIPELINE_FILES = [
  'buildkite.yml',
  'buildkite.yaml',
  '.buildkite.yml',
  '.buildkite.yaml',
  'buildkite.json',
  'buildkite/pipeline.yml',
  'buildkite/pipeline.yaml',
  'buildkite/pipeline.json',
] as const;

const RULE = `
fragment KiteguardRule on RepositoryRule {
  type
  parameters {
    __typename
    ... on PullRequestParameters { dismissStaleReviewsOnPush requireCodeOwnerReview requireLastPushApproval requiredApprovingReviewCount requiredReviewThreadResolution }
    ... on RequiredStatusChecksParameters { strictRequiredStatusChecksPolicy requiredStatusChecks { context integrationId } }
    ... on RequiredDeploymentsParameters { requiredDeploymentEnvironments }
    ... on UpdateParameters { updateAllowsFetchAndMerge }
  }
}`;

const RULESET = `
fragment KiteguardRuleset on RepositoryRuleset {
  databaseId name enforcement target
  source { __typename ... on Repository { nameWithOwner } ... on Organization { login } }
  conditions {
    refName { include exclude }
    repositoryName { include exclude protected }
    repositoryId { repositoryIds }
  }
  rules(first: ${LIMITS.rulesetRules}) { totalCount nodes { ...KiteguardRule } }
  bypassActors(first: ${LIMITS.bypassActors}) {
    totalCount
    nodes {
      bypassMode organizationAdmin deployKey repositoryRoleName
      actor { __typename ... on Team { slug databaseId } ... on App { slug databaseId } }
    }
  }
}`;

const BLOB = `... on Blob { text byteSize isTruncated isBinary }`;

const REPOSITORY = `
fragment KiteguardRepository on Repository {
  nameWithOwner databaseId visibility isArchived isFork isDisabled isEmpty viewerPermission
  defaultBranchRef {
    name
    refUpdateRule {
      pattern allowsDeletions allowsForcePushes blocksCreations requiredApprovingReviewCount requiredStatusCheckContexts
      requiresCodeOwnerReviews requiresConversationResolution requiresLinearHistory requiresSignatures
    }
    rules(first: ${LIMITS.branchRules}) {
      totalCount
      nodes { ...KiteguardRule repositoryRuleset { databaseId name source { __typename ... on Repository { nameWithOwner } ... on Organization { login } } } }
    }
  }
  branchProtectionRules(first: ${LIMITS.protectionRules}) {
    totalCount
    nodes {
      pattern isAdminEnforced requiresApprovingReviews requiredApprovingReviewCount dismissesStaleReviews requireLastPushApproval
      requiresCodeOwnerReviews requiresCommitSignatures requiresStatusChecks requiresStrictStatusChecks requiredStatusCheckContexts
      requiresLinearHistory requiresConversationResolution allowsForcePushes allowsDeletions blocksCreations lockBranch restrictsPushes
    }
  }
  rulesets(first: ${LIMITS.rulesets}, includeParents: true) { totalCount nodes { ...KiteguardRuleset } }
  collaborators(first: ${LIMITS.collaborators}, affiliation: DIRECT) { totalCount pageInfo { hasNextPage endCursor } edges { permission node { login } } }
  pipelineDir: object(expression: "HEAD:.buildkite") {
    ... on Tree { entries { path type object { ${BLOB} ... on Tree { entries { path type object { ${BLOB} } } } } } }
  }
  ${ROOT_PIPELINE_FILES.map((f, i) => `rootFile${i}: object(expression: "HEAD:${f}") { ${BLOB} }`).join('\n  ')}
}`;

const FRAGMENTS = `${REPOSITORY}${RULESET}${RULE}`;

/** One page of the organization's repositories with everything per repository. */
export const REPOSITORIES_QUERY = `
query KiteguardRepositories($org: String!, $cursor: String) {
  rateLimit { cost remaining resetAt limit }
  organization(login: $org) {
    viewerCanAdminister
    repositories(first: ${LIMITS.repositories}, after: $cursor) { pageInfo { hasNextPage endCursor } nodes { ...KiteguardRepository } }
  }
}${FRAGMENTS}`;

/** The names on one page of the organization's repositories: the fallback when the full page came back with holes. */
export const REPOSITORY_NAMES_QUERY = `
query KiteguardRepositoryNames($org: String!, $cursor: String) {
  rateLimit { cost remaining resetAt limit }
  organization(login: $org) {
    repositories(first: ${LIMITS.repositories}, after: $cursor) { nodes { nameWithOwner } }
  }
}`;

/** One page of teams with their first page of repositories, plus org rulesets on the first page. */
export const TEAMS_QUERY = `
query KiteguardTeams($org: String!, $cursor: String, $withRulesets: Boolean!) {
  rateLimit { cost remaining resetAt limit }
  organization(login: $org) {
    viewerCanAdminister
    rulesets(first: ${LIMITS.orgRulesets}) @include(if: $withRulesets) { totalCount nodes { ...KiteguardRuleset } }
    teams(first: ${LIMITS.teams}, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      nodes {
        slug name databaseId privacy
        repositories(first: ${LIMITS.teamRepositories}) { totalCount pageInfo { hasNextPage endCursor } edges { permission node { nameWithOwner } } }
      }
    }
  }
}${RULESET}${RULE}`;

/** Follow-up pages of several teams' repositories in one request (aliases t0, t1, …). */
export function teamRepositoriesQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$s${i}: String!, $c${i}: String`).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) => `t${i}: team(slug: $s${i}) { slug repositories(first: ${LIMITS.teamRepositories}, after: $c${i}) { pageInfo { hasNextPage endCursor } edges { permission node { nameWithOwner } } } }`,
  ).join('\n    ');
  return `query KiteguardTeamRepositories($org: String!, ${vars}) {\n  rateLimit { cost remaining resetAt limit }\n  organization(login: $org) {\n    ${fields}\n  }\n}`;
}

/** Follow-up pages of several repositories' collaborators in one request (aliases r0, r1, …). */
export function collaboratorsQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$o${i}: String!, $n${i}: String!, $c${i}: String`).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) => `r${i}: repository(owner: $o${i}, name: $n${i}) { nameWithOwner collaborators(first: 100, after: $c${i}, affiliation: DIRECT) { pageInfo { hasNextPage endCursor } edges { permission node { login } } } }`,
  ).join('\n  ');
  return `query KiteguardCollaborators(${vars}) {\n  rateLimit { cost remaining resetAt limit }\n  ${fields}\n}`;
}

/** Named repositories (aliases r0, r1, …) with teams filtered to each name, for single-repository mode. */
export function namedRepositoriesQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$o${i}: String!, $n${i}: String!`).join(', ');
  const repos = Array.from({ length: count }, (_, i) => `r${i}: repository(owner: $o${i}, name: $n${i}) { ...KiteguardRepository }`).join('\n  ');
  const teamRepos = Array.from({ length: count }, (_, i) => `q${i}: repositories(first: 100, query: $n${i}) { totalCount edges { permission node { nameWithOwner } } }`).join('\n          ');
  return `query KiteguardNamedRepositories($org: String!, $cursor: String, ${vars}) {
  rateLimit { cost remaining resetAt limit }
  organization(login: $org) {
    viewerCanAdminister
    teams(first: ${LIMITS.teams}, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      nodes {
        slug
          ${teamRepos}
      }
    }
  }
  ${repos}
}${FRAGMENTS}`;
}
