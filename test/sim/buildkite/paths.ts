// Where the simulator finds Buildkite's published reference data: beside the checkout, resolved from the repository root.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository root. */
export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/**
 * A file of the shared reference data (`shared/data/<name>`), looked for beside the repository and one level up
 * (for checkouts in a worktrees folder), or under `KITEGUARD_SHARED_DATA`; undefined when absent.
 */
export function sharedDataFile(name: string): string | undefined {
  const candidates = [
    ...(process.env.KITEGUARD_SHARED_DATA ? [resolve(process.env.KITEGUARD_SHARED_DATA, name)] : []),
    resolve(REPO_ROOT, '../shared/data', name),
    resolve(REPO_ROOT, '../../shared/data', name),
  ];
  return candidates.find((p) => existsSync(p));
}

/** Buildkite's GraphQL SDL, when present. */
export const GRAPHQL_SCHEMA_PATH = sharedDataFile('buildkite-graphql-schema.graphql');
/** Buildkite's documented REST response examples, when present. */
export const REST_EXAMPLES_PATH = sharedDataFile('buildkite-rest-examples.json');
