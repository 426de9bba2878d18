// Source-mapped YAML: values plus where each key and item is written.

export { DEFAULT_LIMITS, SCHEMA, child, loadYaml, locate, resolvePath } from './load.js';
export type { LoadedYaml, Resolved, YamlDocument, YamlLimits } from './load.js';
export { LineIndex } from './lines.js';
export type { LineColumn } from './lines.js';
export type { PosEntry, PosMap, PosNode, PosScalar, PosSeq, Span } from './positions.js';
