// Pipeline loading: YAML text → the NormalizedPipeline every rule sees, plus `locate`, which
// maps a path in the normalized document back to file line:column.

import { loadYaml } from '../yaml/load.js';
import type { YamlLimits } from '../yaml/load.js';
import type { LineColumn } from '../yaml/lines.js';
import type { PosNode } from '../yaml/positions.js';
import { secrets, stringMap } from './fields.js';
import type { Field } from './fields.js';
import { setOwn, toJson } from './json.js';
import { Ctx, describe, entryOf, isMap, itemOf, keyLoc, locChild, nodeLoc } from './source.js';
import type { LocNode } from './source.js';
import { normalizeSteps } from './steps.js';
import type { NormalizedPipeline } from './types.js';

const PIPELINE_EXPECTED = 'expected a pipeline: a mapping with a steps key, or a list of steps';

/** A normalized pipeline and the way back from its paths to the source. */
export interface LoadedPipeline {
  pipeline: NormalizedPipeline;
  /** Line:column of a normalized path (longest known prefix); with evidence, the evidence's own spot inside a scalar. */
  locate(path: ReadonlyArray<string | number>, evidence?: string | null): LineColumn;
}

/** Buildkite's parser (go-yaml) lets a repeated key replace the earlier one. */
const BUILDKITE_YAML = { repeatedKeysReplace: true };

/** Parses and normalizes a pipeline file (all YAML documents merged in order); throws InputError. */
export function loadPipeline(text: string, file: string, limits: Partial<YamlLimits> = {}): LoadedPipeline {
  const yaml = loadYaml(text, file, limits, BUILDKITE_YAML);
  const ctx: Ctx = new Ctx(file, yaml.lines);
  const pipeline: NormalizedPipeline = { env: {}, agents: {}, secrets: {}, notify: [], steps: [] };
  const top = new Map<string, LocNode>();
  const merge = (name: 'env' | 'agents' | 'secrets', f: Field<Record<string, string>>): void => {
    for (const [k, v] of Object.entries(f.value)) setOwn(pipeline[name], k, v);
    const prev = top.get(name);
    top.set(name, { ...(prev ?? f.loc), kids: new Map([...(prev?.kids ?? []), ...(f.loc.kids ?? [])]) });
  };
  const append = <T>(name: 'steps' | 'notify', list: T[], f: Field<T[]>): void => {
    const prev = top.get(name);
    const kids = new Map(prev?.kids ?? []);
    f.value.forEach((item, i) => {
      const kid = f.loc.kids?.get(String(i));
      if (kid !== undefined) kids.set(String(list.length), kid);
      list.push(item);
    });
    top.set(name, { ...(prev ?? f.loc), kids });
  };

  let documents = 0;
  for (const { value, node } of yaml.documents) {
    if (value === null || value === undefined) continue;
    documents++;
    if (Array.isArray(value)) {
      append('steps', pipeline.steps, normalizeSteps(value, node, { at: node.at, text: null }, ctx));
      continue;
    }
    if (!isMap(value)) ctx.fail(node.at, `${PIPELINE_EXPECTED}, got ${describe(value)}`);
    if (!Object.hasOwn(value, 'steps')) {
      const keys = Object.keys(value).slice(0, 8).join(', ');
      ctx.fail(node.at, `${PIPELINE_EXPECTED}, got a mapping with ${keys || 'no keys'}`);
    }
    const sub = (k: string): PosNode => entryOf(node, k)?.value ?? node;
    for (const k of ['env', 'agents'] as const) {
      if (value[k] !== undefined) merge(k, stringMap(value[k], sub(k), keyLoc(node, k), ctx, k));
    }
    if (value['secrets'] !== undefined) merge('secrets', secrets(value['secrets'], sub('secrets'), keyLoc(node, 'secrets'), ctx));
    if (value['notify'] !== undefined) append('notify', pipeline.notify, notify(value['notify'], sub('notify'), keyLoc(node, 'notify'), ctx));
    if (value['image'] !== undefined) {
      pipeline.extra = { ...pipeline.extra, image: toJson(value['image']) };
      top.set('extra', { at: node.at, text: null, kids: new Map([['image', keyLoc(node, 'image')]]) });
    }
    append('steps', pipeline.steps, normalizeSteps(value['steps'], sub('steps'), keyLoc(node, 'steps'), ctx));
  }
  if (documents === 0) ctx.fail(0, `${PIPELINE_EXPECTED}, but the file has no YAML content`);

  const root: LocNode = { at: 0, text: null, kids: top };
  return {
    pipeline,
    locate(path, evidence) {
      let loc = root;
      for (const seg of path) {
        const next = locChild(loc, seg);
        if (next === undefined) break;
        loc = next;
      }
      return yaml.lines.at(evidence ? findEvidence(text, loc, evidence) : loc.at);
    },
  };
}

/** Build-level `notify:`: a list (a single entry is accepted as a list of one). */
function notify(value: unknown, pos: PosNode, at: LocNode, ctx: Ctx): Field<ReturnType<typeof toJson>[]> {
  if (value === null) return { value: [], loc: at };
  if (typeof value === 'boolean' || typeof value === 'number') ctx.fail(pos.at, `expected notify to be a list, got ${describe(value)}`);
  const list = Array.isArray(value) ? value : [value];
  const kids = new Map<string, LocNode>();
  list.forEach((_, i) => {
    const item = Array.isArray(value) ? itemOf(pos, i) : pos;
    if (item !== undefined) kids.set(String(i), nodeLoc(item));
  });
  return { value: list.map(toJson), loc: { ...at, kids } };
}

/** The offset of `evidence` inside the located scalar's source text, else the located offset. */
function findEvidence(text: string, loc: LocNode, evidence: string): number {
  if (loc.text === null) return loc.at;
  const [start, end] = loc.text;
  const source = text.slice(start, end);
  let i = source.indexOf(evidence);
  if (i < 0) {
    const first = evidence.split('\n').map((l) => l.trim()).find((l) => l !== '');
    if (first !== undefined && first !== evidence) i = source.indexOf(first);
  }
  return i < 0 ? loc.at : start + i;
}
