// Writes the snapshot schema validator (src/snapshot/schema/validate-snapshot.js) that `make` builds
// from the schemas with ajv's standalone code generation (scripts/lib/snapshot-validator.mjs).
import { writeFileSync } from 'node:fs';
import { snapshotValidatorSource, VALIDATOR_FILE } from './lib/snapshot-validator.mjs';

writeFileSync(VALIDATOR_FILE, snapshotValidatorSource());
console.log('generated the snapshot validator');
