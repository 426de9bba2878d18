// The YAML schema kiteguard reads pipelines with: the YAML 1.2 core schema as go-yaml v3 (Buildkite's parser)
// applies it, plus the `<<` merge keys Buildkite pipelines use.

import { CORE_SCHEMA, NOT_RESOLVED, defineScalarTag, mergeTag } from 'js-yaml';

/** Integers as go-yaml reads them: underscores dropped, then Go's literal syntax (`0755` is octal, `0b`, `0o`, `0x`). */
const GO_INT = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|(0[0-7]*)|([1-9][0-9]*))$/;

/** The int tag with go-yaml's reading of plain integers; other texts fall through to float or string. */
const goIntTag = defineScalarTag('tag:yaml.org,2002:int', {
  implicit: true,
  implicitFirstChars: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '+', '-'],
  resolve(source) {
    const m = GO_INT.exec(source.replace(/_/g, ''));
    if (m === null) return NOT_RESOLVED;
    const [, sign, hex, oct, bin, zeroOct, dec] = m;
    const n =
      hex !== undefined ? parseInt(hex, 16) : oct !== undefined ? parseInt(oct, 8) : bin !== undefined ? parseInt(bin, 2) : zeroOct !== undefined ? parseInt(zeroOct, 8) : parseInt(dec ?? '0', 10);
    return sign === '-' ? -n : n;
  },
  identify: (value) => Number.isInteger(value),
  represent: (value) => String(value),
});

/** The YAML 1.2 core schema with go-yaml's integers, plus `<<` merge keys. */
export const SCHEMA = CORE_SCHEMA.withTags(mergeTag, goIntTag);
