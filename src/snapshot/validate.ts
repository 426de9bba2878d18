// Checks a snapshot document against its published JSON Schema, on write and on read, with the
// validator the build generates from the schemas (scripts/snapshot-validator.mjs).
import { validateSnapshot } from './schema/validate-snapshot.js';
import { schemaProblem, type SchemaProblem } from './schema-problem.js';

export type { SchemaProblem } from './schema-problem.js';

/** The snapshot shape this kiteguard reads and writes. */
export const SCHEMA_VERSION = 1;

/** The problems that make `value` not a snapshot of this version (empty when it is one). */
export function snapshotProblems(value: unknown): SchemaProblem[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{ pointer: '', message: 'expected a JSON object (a kiteguard snapshot)' }];
  }
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version !== SCHEMA_VERSION) {
    const seen = version === undefined ? 'no schemaVersion' : `schemaVersion ${JSON.stringify(version)}`;
    return [{ pointer: '/schemaVersion', message: `${seen}; this kiteguard reads snapshots with schemaVersion ${SCHEMA_VERSION} (collect it again with this version)` }];
  }
  if (validateSnapshot(value)) return [];
  return (validateSnapshot.errors ?? []).slice(0, 5).map(schemaProblem);
}
