// Test helpers: start a simulator, collect against it with a fake clock, gather every warning.
import { collectBuildkite, type BuildkiteCollection, type CollectBuildkiteOptions } from '../../../src/collect/buildkite/collect.js';
import type { CollectEvents } from '../../../src/collect/events.js';
import { callerToken, type SimEstate } from './estate.js';
import { startBuildkiteSim, type BuildkiteSim, type SimOptions } from './server.js';

/** A clock whose sleeps advance time instantly, shared by the client and the simulator. */
export interface FakeClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Every sleep requested, in order. */
  sleeps: number[];
}

/** A fake clock starting at a fixed instant. */
export function fakeClock(start = Date.parse('2025-12-01T00:00:00.000Z')): FakeClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += Math.max(0, ms);
    },
    sleeps,
  };
}

/** What one collection against the simulator produced. */
export interface SimRun extends BuildkiteCollection {
  warnings: string[];
  budgets: Array<{ remaining: number; limit: number }>;
  sim: BuildkiteSim;
  clock: FakeClock;
}

/** Starts a simulator over `estate`, collects with the caller's token on a fake clock, stops the simulator. */
export async function collectFromSim(
  estate: SimEstate,
  simOptions: Omit<SimOptions, 'estate' | 'now'> = {},
  collectOptions: Partial<CollectBuildkiteOptions> = {},
): Promise<SimRun> {
  const clock = fakeClock();
  const sim = await startBuildkiteSim({ estate, now: clock.now, ...simOptions });
  const warnings: string[] = [];
  const budgets: Array<{ remaining: number; limit: number }> = [];
  const events: CollectEvents = {
    progress() {},
    budget: (_p, remaining, limit) => budgets.push({ remaining, limit }),
    warn: (_p, message) => warnings.push(message),
  };
  try {
    const result = await collectBuildkite(
      { org: estate.org.slug, token: callerToken(estate).token, apiUrl: sim.apiUrl, graphqlUrl: sim.graphqlUrl, sleep: clock.sleep, now: clock.now, timeoutMs: 2_000, ...collectOptions },
      events,
    );
    return { ...result, warnings, budgets, sim, clock };
  } finally {
    await sim.close();
  }
}
