// Types of snapshot-validator.mjs, the generation of the snapshot schema validator.
import type Ajv2020 from 'ajv/dist/2020.js';

/** The generated validator's file. */
export const VALIDATOR_FILE: string;
/** The ajv instance with the snapshot's schemas, with the options the snapshot is validated with. */
export function snapshotAjv(source?: boolean): InstanceType<typeof Ajv2020.default>;
/** The snapshot schema document. */
export function snapshotSchema(): { $id: string } & Record<string, unknown>;
/** The validator module's text. */
export function snapshotValidatorSource(): string;
