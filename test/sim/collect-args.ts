// The `kiteguard collect` arguments that point both collectors at the loopback simulators.
import type { BuildkiteSim } from './buildkite/server.js';
import type { GithubSim } from './github/server.js';

/** `collect` of a GitHub organization and a Buildkite organization served by the simulators, into `out`. */
export function simCollectArgs(github: GithubSim, githubOrg: string, buildkite: BuildkiteSim, buildkiteOrg: string, out: string): string[] {
  return [
    'collect',
    '--github-org', githubOrg,
    '--github-api-url', github.url,
    '--buildkite-org', buildkiteOrg,
    '--buildkite-api-url', buildkite.apiUrl,
    '--buildkite-graphql-url', buildkite.graphqlUrl,
    '-o', out,
  ];
}
