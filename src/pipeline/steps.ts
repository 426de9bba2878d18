// Steps: string shorthands, nested forms (`command: {…}`), legacy `type:`, key inference in
// Buildkite's order, and every field folded into one NormalizedStep with its source map.

import type { PosNode } from '../yaml/positions.js';
import { booleanish, branches, secrets, softFail, stringList, stringMap, timeout } from './fields.js';
import type { Field } from './fields.js';
import { uploadTimeFields } from './interpolation.js';
import { setOwn, textOrNull, toJson, toText } from './json.js';
import { normalizePlugins } from './plugins.js';
import { checkStepKey } from './rejections.js';
import { describe, entryLoc, entryOf, isMap, itemOf, keyLoc, kids, nodeLoc } from './source.js';
import type { Ctx, LocNode } from './source.js';
import type { NormalizedStep, StepType } from './types.js';

const STEP_EXPECTED =
  'expected a step: a mapping with command, wait, block, input, trigger or group, or one of the strings wait/block/input';

/** `- wait` and friends, including the deprecated `waiter` and `manual`. */
const SCALAR_STEPS: Record<string, StepType> = { wait: 'wait', waiter: 'wait', block: 'block', manual: 'block', input: 'input' };

/** Legacy `type:` values. */
const TYPE_NAMES: Record<string, StepType> = {
  command: 'command',
  commands: 'command',
  script: 'command',
  wait: 'wait',
  waiter: 'wait',
  block: 'block',
  manual: 'block',
  input: 'input',
  trigger: 'trigger',
  group: 'group',
};

/** Single-key nested forms: `command: {…}`, `wait: {…}`, `block: {…}` … */
const NESTED: Record<string, StepType> = Object.fromEntries(Object.entries(TYPE_NAMES).filter(([k]) => k !== 'group'));

/** Key inference, in the order Buildkite's parser tries it. */
const INFER: Array<[string[], StepType]> = [
  [['command', 'commands', 'plugins'], 'command'],
  [['wait', 'waiter'], 'wait'],
  [['block', 'manual'], 'block'],
  [['input'], 'input'],
  [['trigger'], 'trigger'],
  [['group'], 'group'],
];

/** Keys whose value names the step (its label) for each type. */
const LABEL_KEYS: Record<StepType, string[]> = {
  command: [],
  wait: ['wait', 'waiter'],
  block: ['block', 'manual'],
  input: ['input'],
  trigger: [],
  group: ['group'],
};

/** Fields Buildkite also accepts as "true"/"false" strings: a path of keys ('*' for any list item). */
const EXTRA_BOOLEANS: Record<string, string[][]> = {
  async: [[]],
  continue_on_failure: [[]],
  allow_dependency_failure: [[]],
  cancel_on_build_failing: [[]],
  retry: [['automatic'], ['manual'], ['manual', 'allowed'], ['manual', 'permit_on_passed']],
};
const DEPENDS_ON_BOOLEANS = [['*', 'allow_failure']];

/** Keys every step type folds into normalized fields (anything else goes to `extra`). */
const COMMON = [
  ...['type', 'label', 'name', 'key', 'id', 'identifier', 'if', 'branches', 'depends_on', 'env', 'agents', 'plugins'],
  ...['secrets', 'timeout_in_minutes', 'soft_fail', 'artifact_paths', 'allowed_teams', 'signature', 'matrix'],
];

/** Normalizes a list of steps (null is an empty list). */
export function normalizeSteps(value: unknown, pos: PosNode, at: LocNode, ctx: Ctx): Field<NormalizedStep[]> {
  if (value === null || value === undefined) return { value: [], loc: { ...at, kids: new Map() } };
  if (!Array.isArray(value)) return ctx.fail(pos.at, `expected steps to be a list of steps, got ${describe(value)}`);
  const steps = value.map((item, i) => normalizeStep(item, itemOf(pos, i) ?? pos, ctx));
  return { value: steps.map((s) => s.value), loc: { ...at, kids: kids(steps.map((s, i) => [i, s.loc])) } };
}

/** Normalizes one step, or throws InputError naming what a step must look like. */
export function normalizeStep(value: unknown, pos: PosNode, ctx: Ctx): Field<NormalizedStep> {
  if (typeof value === 'string') {
    const type = lookup(SCALAR_STEPS, value.trim());
    if (type === undefined) return ctx.fail(pos.at, `${STEP_EXPECTED}, got ${describe(value)}`);
    const loc = nodeLoc(pos);
    loc.kids = kids([['type', { at: loc.at, text: loc.text }]]);
    return { value: emptyStep(type), loc };
  }
  if (!isMap(value)) return ctx.fail(pos.at, `${STEP_EXPECTED}, got ${describe(value)}`);
  const { type, body, bodyPos, typeLoc } = stepType(value, pos, ctx);
  return fill(type, body, bodyPos, typeLoc, pos, ctx);
}

interface Typed {
  type: StepType;
  body: Record<string, unknown>;
  bodyPos: PosNode;
  typeLoc: LocNode;
}

function stepType(value: Record<string, unknown>, pos: PosNode, ctx: Ctx): Typed {
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0] : undefined;
  const nested = only === undefined ? undefined : lookup(NESTED, only);
  const inner = only === undefined ? undefined : value[only];
  const innerEntry = only === undefined ? undefined : entryOf(pos, only);
  if (only !== undefined && nested !== undefined && isMap(inner) && innerEntry) {
    return { type: nested, body: inner, bodyPos: innerEntry.value, typeLoc: { at: innerEntry.at, text: innerEntry.text } };
  }
  if (Object.hasOwn(value, 'type')) {
    const t = value['type'];
    const loc = keyLoc(pos, 'type');
    const type = typeof t === 'string' ? lookup(TYPE_NAMES, t) : undefined;
    if (type === undefined) {
      const names = Object.keys(TYPE_NAMES).join(', ');
      const got = typeof t === 'string' ? JSON.stringify(t) : `(${describe(t)})`;
      return ctx.fail(loc.at, `unknown step type ${got}; expected one of ${names}`);
    }
    return { type, body: value, bodyPos: pos, typeLoc: loc };
  }
  for (const [names, type] of INFER) {
    const k = names.find((n) => Object.hasOwn(value, n));
    if (k !== undefined) return { type, body: value, bodyPos: pos, typeLoc: keyLoc(pos, k) };
  }
  const got = keys.length === 0 ? 'an empty mapping' : `a mapping with ${keys.join(', ')}`;
  return ctx.fail(pos.at, `${STEP_EXPECTED}, got ${got}`);
}

function fill(type: StepType, written: Record<string, unknown>, bodyPos: PosNode, typeLoc: LocNode, pos: PosNode, ctx: Ctx): Field<NormalizedStep> {
  const step = emptyStep(type);
  const { body, interpolated } = uploadTimeFields(written);
  step.interpolated = interpolated;
  const locs: Array<[string, LocNode]> = [['type', typeLoc]];
  const has = (k: string): boolean => Object.hasOwn(body, k) && body[k] !== undefined;
  const at = (k: string): LocNode => keyLoc(bodyPos, k);
  const sub = (k: string): PosNode => entryOf(bodyPos, k)?.value ?? bodyPos;
  const used = new Set([...COMMON, ...LABEL_KEYS[type]]);

  const labelKeys = [...LABEL_KEYS[type], 'name', 'label'];
  for (const k of labelKeys) {
    const v = body[k];
    if (isMap(v) || Array.isArray(v)) ctx.fail(sub(k).at, `expected ${k} to be a label (a string), got ${describe(v)}`);
  }
  const labelKey = labelKeys.filter((k) => has(k) && body[k] !== null).pop();
  if (labelKey !== undefined) {
    step.label = toText(body[labelKey]);
    locs.push(['label', at(labelKey)]);
  }
  for (const k of ['identifier', 'id', 'key']) checkStepKey(body[k], sub(k).at, k, ctx);
  const keyName = ['identifier', 'id', 'key'].filter((k) => has(k) && body[k] !== null).pop();
  if (keyName !== undefined) {
    step.key = toText(body[keyName]);
    locs.push(['key', at(keyName)]);
  }
  if (has('if')) {
    step.if = textOrNull(body['if']);
    locs.push(['if', at('if')]);
  }
  if (has('branches')) {
    step.branches = branches(body['branches']);
    locs.push(['branches', at('branches')]);
  }
  for (const k of ['depends_on', 'signature', 'matrix'] as const) {
    if (!has(k)) continue;
    step[k] = k === 'depends_on' ? booleanish(toJson(body[k]), DEPENDS_ON_BOOLEANS) : toJson(body[k]);
    locs.push([k, at(k)]);
  }
  if (type === 'command') commands(body, bodyPos, step, locs, ctx).forEach((k) => used.add(k));
  for (const k of ['env', 'agents'] as const) {
    if (!has(k)) continue;
    const f = stringMap(body[k], sub(k), at(k), ctx, k);
    step[k] = f.value;
    locs.push([k, f.loc]);
  }
  if (has('secrets')) {
    const f = secrets(body['secrets'], sub('secrets'), at('secrets'), ctx);
    step.secrets = f.value;
    locs.push(['secrets', f.loc]);
  }
  if (has('plugins')) {
    const f = normalizePlugins(body['plugins'], sub('plugins'), ctx);
    step.plugins = f.plugins;
    locs.push(['plugins', { ...at('plugins'), kids: kids(f.locs.map((l, i) => [i, l])) }]);
  }
  if (has('timeout_in_minutes')) {
    step.timeout_in_minutes = timeout(body['timeout_in_minutes']);
    if (step.timeout_in_minutes === null && body['timeout_in_minutes'] !== null) used.delete('timeout_in_minutes');
    locs.push(['timeout_in_minutes', at('timeout_in_minutes')]);
  }
  if (has('soft_fail')) {
    step.soft_fail = softFail(body['soft_fail'], sub('soft_fail'), ctx);
    locs.push(['soft_fail', at('soft_fail')]);
  }
  for (const [k, split] of [['artifact_paths', true], ['allowed_teams', false]] as const) {
    if (!has(k)) continue;
    const f = stringList(body[k], sub(k), at(k), ctx, k, split);
    step[k] = f.value;
    locs.push([k, f.loc]);
  }
  if (type === 'trigger') {
    used.add('trigger');
    const v = body['trigger'];
    if (isMap(v) || Array.isArray(v)) ctx.fail(sub('trigger').at, `expected trigger to be a pipeline slug (a string), got ${describe(v)}`);
    step.trigger = textOrNull(v);
    locs.push(['trigger', at('trigger')]);
  }
  if (type === 'group') {
    used.add('steps');
    const f = normalizeSteps(body['steps'], sub('steps'), at('steps'), ctx);
    step.steps = f.value;
    locs.push(['steps', f.loc]);
  }
  const extra: Array<[string, LocNode]> = [];
  for (const [k, v] of Object.entries(body)) {
    if (used.has(k)) continue;
    setOwn(step.extra, k, booleanish(toJson(v), Object.hasOwn(EXTRA_BOOLEANS, k) ? EXTRA_BOOLEANS[k] : undefined));
    extra.push([k, at(k)]);
  }
  locs.push(['extra', { at: pos.at, text: null, kids: kids(extra) }]);
  locs.push(['interpolated', { at: pos.at, text: null, kids: kids(Object.keys(interpolated).map((k) => [k, at(k)])) }]);
  return { value: step, loc: { at: pos.at, text: null, raw: bodyPos, kids: kids(locs) } };
}

/** `command` and `commands` (either or both, string or list) into one list of command strings. */
function commands(body: Record<string, unknown>, bodyPos: PosNode, step: NormalizedStep, locs: Array<[string, LocNode]>, ctx: Ctx): string[] {
  const keys = Object.keys(body).filter((k) => k === 'command' || k === 'commands');
  const items: LocNode[] = [];
  for (const k of keys) {
    const entry = entryOf(bodyPos, k);
    const loc = entry ? entryLoc(entry) : { at: bodyPos.at, text: null };
    const v = body[k];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      step.commands.push(toText(v));
      items.push(loc);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => {
        const itemPos = itemOf(entry?.value, i);
        if (item === null || item === undefined) return;
        if (isMap(item) || Array.isArray(item)) ctx.fail(itemPos?.at ?? loc.at, `expected ${k} to be strings, got ${describe(item)}`);
        step.commands.push(toText(item));
        items.push(itemPos ? nodeLoc(itemPos) : loc);
      });
    } else if (v !== null && v !== undefined) {
      ctx.fail(entry?.value.at ?? loc.at, `expected ${k} to be a string or a list of strings, got ${describe(v)}`);
    }
  }
  const first = keys[0];
  if (first !== undefined) locs.push(['commands', { ...keyLoc(bodyPos, first), kids: kids(items.map((l, i) => [i, l])) }]);
  return keys;
}

/** A table lookup that ignores inherited names such as `constructor`. */
function lookup(table: Record<string, StepType>, key: string): StepType | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

function emptyStep(type: StepType): NormalizedStep {
  return {
    type,
    label: null,
    key: null,
    if: null,
    branches: null,
    depends_on: null,
    commands: [],
    env: {},
    agents: {},
    plugins: [],
    secrets: {},
    timeout_in_minutes: null,
    soft_fail: false,
    artifact_paths: [],
    allowed_teams: [],
    trigger: null,
    steps: [],
    signature: null,
    matrix: null,
    extra: {},
    interpolated: {},
  };
}
