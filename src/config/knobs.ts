// Checks a knob value from `.kiteguard.yml` against its rule's METADATA: the shape of its default, finite numbers in
// range, and every regular expression compiled with RE2 (Go's syntax, as OPA's `regex.match` reads it), so a knob can
// never turn a rule off silently. Each problem is reported at the offending item's file:line:col.
import { RE2JS } from 're2js';
import type { KnobInfo } from '../model/report.js';
import type { LoadedYaml } from '../yaml/load.js';
import type { PosNode } from '../yaml/positions.js';
import { fail, jsonType, kind } from './checks.js';

/** True when a knob holds regular expressions: its description says so, or its name ends in `patterns`. */
export function isRegexKnob(name: string, knob: KnobInfo): boolean {
  return /patterns$/.test(name) || /regular expression/i.test(knob.description);
}

/** Throws InputError at the first item of `value` (already of the default's JSON type) that is not what the knob takes. */
export function checkKnobValue(yaml: LoadedYaml, rule: string, name: string, knob: KnobInfo, value: unknown, pos: PosNode): void {
  const what = `knob "${name}" of ${rule}`;
  const regex = isRegexKnob(name, knob);
  if (typeof value === 'number') checkNumber(yaml, what, knob.default, value, pos);
  else if (typeof value === 'string' && regex) checkRegex(yaml, what, value, pos);
  else if (Array.isArray(value)) checkList(yaml, what, knob.default, value, pos, regex);
  else if (value !== null && typeof value === 'object' && knob.default !== null && typeof knob.default === 'object') {
    const sample = Object.values(knob.default as Record<string, unknown>)[0];
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const at = pos.kind === 'map' ? (pos.entries.get(key)?.value ?? pos) : pos;
      if (Array.isArray(sample)) {
        if (!Array.isArray(item)) fail(yaml, at.at, `${what} expects "${key}" to be a list, got ${kind(item)}`);
        checkList(yaml, `${what} ("${key}")`, sample, item, at, regex);
      }
    }
  }
}

function checkNumber(yaml: LoadedYaml, what: string, fallback: unknown, value: number, pos: PosNode): void {
  if (!Number.isFinite(value)) fail(yaml, pos.at, `${what} expects a finite number, got ${String(value)}`);
  if (value < 0) fail(yaml, pos.at, `${what} expects a number of 0 or more, got ${value}`);
  if (value > Number.MAX_SAFE_INTEGER) fail(yaml, pos.at, `${what} expects a number up to ${Number.MAX_SAFE_INTEGER}, got ${value}`);
  if (typeof fallback === 'number' && Number.isInteger(fallback) && !Number.isInteger(value)) {
    fail(yaml, pos.at, `${what} expects a whole number (like its default ${fallback}), got ${value}`);
  }
}

function checkList(yaml: LoadedYaml, what: string, fallback: unknown, list: unknown[], pos: PosNode, regex: boolean): void {
  const want = Array.isArray(fallback) && fallback.length > 0 ? jsonType(fallback[0]) : undefined;
  list.forEach((item, i) => {
    const at = pos.kind === 'seq' ? (pos.items[i] ?? pos) : pos;
    if (want !== undefined && jsonType(item) !== want) fail(yaml, at.at, `${what} expects a list of ${want}s, got ${kind(item)} at item ${i + 1}`);
    if (regex) {
      if (typeof item !== 'string') fail(yaml, at.at, `${what} expects regular expressions (strings), got ${kind(item)} at item ${i + 1}`);
      checkRegex(yaml, what, item, at);
    }
  });
}

function checkRegex(yaml: LoadedYaml, what: string, pattern: string, pos: PosNode): void {
  try {
    RE2JS.compile(pattern);
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/^error parsing regexp: /, '') : String(err);
    fail(yaml, pos.at, `${what}: ${JSON.stringify(pattern)} is not a valid regular expression (RE2 syntax, as the policies use): ${why}`);
  }
}
