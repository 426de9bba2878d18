// Test helpers: run the real collector against a simulator and keep everything it said.
import { generateKeyPairSync } from 'node:crypto';
import { collectGithub, type CollectGithubOptions, type GithubCollection } from '../../../src/collect/github/index.js';
import type { CollectEvents } from '../../../src/collect/events.js';
import type { GithubSim } from './server.js';

/** A collection plus the warnings it emitted and the error it threw, if any. */
export interface CollectRun {
  result?: GithubCollection;
  warnings: string[];
  error?: unknown;
}

/** Collects from a simulator with fast retries and no GraphQL pacing, recording warnings. */
export async function collectFrom(sim: GithubSim, options: Partial<CollectGithubOptions> & Pick<CollectGithubOptions, 'auth'>): Promise<CollectRun> {
  const warnings: string[] = [];
  const events: CollectEvents = { progress() {}, budget() {}, warn: (_p, m) => warnings.push(m) };
  try {
    const result = await collectGithub({ org: 'acme', apiUrl: sim.url, retryUnitMs: 5, graphqlIntervalMs: 0, timeoutMs: 5000, ...options }, events);
    return { result, warnings };
  } catch (error) {
    return { warnings, error };
  }
}

/** Like `collectFrom`, but fails the test when the collector threw. */
export async function mustCollect(sim: GithubSim, options: Partial<CollectGithubOptions> & Pick<CollectGithubOptions, 'auth'>): Promise<GithubCollection & { warnings: string[] }> {
  const run = await collectFrom(sim, options);
  if (!run.result) throw run.error instanceof Error ? run.error : new Error(String(run.error));
  return { ...run.result, warnings: run.warnings };
}

/** A fresh RSA key pair for a test GitHub App. */
export function testAppKeys(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}
