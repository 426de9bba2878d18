// Source-mapped YAML: values plus where each key and item is written.

export { DEFAULT_LIMITS, child, loadYaml, locate, resolvePath } from './load.js';
export { SCHEMA } from './schema.js';
export type { LoadedYaml, Resolved, YamlDialect, YamlDocument, YamlLimits } from './load.js';
export { LineIndex } from './lines.js';
export type { LineColumn } from './lines.js';
export type { PosEntry, PosMap, PosNode, PosScalar, PosSeq, Span } from './positions.js';
