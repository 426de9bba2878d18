// `collect` without -o: the snapshot goes to stdout in pieces, never as one string, and is the same sealed,
// two-space-indented document a file gets.
import { describe, expect, test } from 'vitest';
import { runCollect } from '../src/app/collect.js';
import { NO_PROGRESS } from '../src/app/output.js';
import { parseSnapshot } from '../src/snapshot/io.js';
import { callerToken } from './sim/buildkite/estate.js';
import { generateEstate } from './sim/buildkite/generate.js';
import { GRAPHQL_SCHEMA_PATH } from './sim/buildkite/paths.js';
import { startBuildkiteSim } from './sim/buildkite/server.js';

describe.skipIf(!GRAPHQL_SCHEMA_PATH)('kiteguard collect to stdout', () => {
  test('a snapshot of more than a MiB is printed in pieces that make up the whole document', async () => {
    // About 1.2 MiB of pipelines: more than one piece of the JSON writer.
    const estate = generateEstate({ pipelines: 400, teams: 4, clusters: 1, seed: 3 });
    const token = callerToken(estate).token;
    const sim = await startBuildkiteSim({ estate, restLimit: 10_000, graphqlLimit: 1_000_000 });
    const pieces: string[] = [];
    let stderr = '';
    try {
      const collected = await runCollect(
        { buildkite: { org: estate.org.slug, token, apiUrl: sim.apiUrl, graphqlUrl: sim.graphqlUrl }, concurrency: 8, timeoutMs: 10_000, quiet: true },
        { stdout: (t) => pieces.push(t), stderr: (t) => (stderr += t) },
        NO_PROGRESS,
      );
      const text = pieces.join('');
      expect(stderr).toBe('');
      expect(collected.snapshot.incomplete).toEqual([]);
      expect(text).toBe(`${JSON.stringify(collected.snapshot, null, 2)}\n`);
      expect(parseSnapshot(text, '<stdout>').buildkite?.pipelines).toMatchObject({ status: 'ok' });
      expect(text.length).toBeGreaterThan(2 ** 20);
      expect(pieces.length).toBeGreaterThan(1);
      expect(text).not.toContain(token);
    } finally {
      await sim.close();
    }
  });
});
