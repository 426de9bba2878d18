// Types of validate-snapshot.js, the snapshot validator that `make` generates from the schemas (scripts/snapshot-validator.mjs).
import type { ValidateFunction } from 'ajv';

/** Validates a snapshot document against snapshot.schema.json (with the GitHub and Buildkite schemas); errors on `.errors`. */
export declare const validateSnapshot: ValidateFunction;
