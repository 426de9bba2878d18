// `.kiteguard.yml`: finding it, and reading it into rule settings and waivers, with every
// mistake reported at file:line:col (unknown keys, rule ids and knobs, wrong types, bad dates).

import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { compileGlob, GlobError } from '../model/glob.js';
import type { RuleInfo, Severity, Waiver } from '../model/report.js';
import { loadYaml } from '../yaml/load.js';
import type { LoadedYaml } from '../yaml/load.js';
import type { PosNode } from '../yaml/positions.js';
import { attestation, type Attestation } from './attestations.js';
import { entryValue, fail, isIsoDate, jsonType, article, keyAt, kind, mapping, severity, valueAt } from './checks.js';
import { checkKnobValue } from './knobs.js';
import { closest } from './suggest.js';

/** The config file names looked for, in order, in each directory. */
export const CONFIG_NAMES = ['.kiteguard.yml', '.kiteguard.yaml'] as const;

/** One rule's settings from the config. */
export interface RuleConfig {
  enabled: boolean;
  severity?: Severity;
  /** Knob values set in the config (defaults are not copied here). */
  knobs: Record<string, unknown>;
}

/** A validated `.kiteguard.yml`. */
export interface Config {
  failOn?: Severity;
  rules: Record<string, RuleConfig>;
  waivers: Waiver[];
  /** Evidence for controls no API can show (audit-log streaming, for one). */
  attestations: Attestation[];
  /** The file it was read from; waiver paths are relative to its folder. */
  file?: string;
  /** In an organization's config (`policy build --config`): whether a local config may add waivers (default true). */
  localWaivers?: boolean;
}

const TOP_KEYS = ['fail_on', 'rules', 'waivers', 'attestations', 'bundle', 'verification_key', 'verification_keys', 'bundle_scope', 'bundle_issuer', 'local_waivers'];
const WAIVER_KEYS = ['rule', 'path', 'reason', 'owner', 'expires'];

/** The nearest `.kiteguard.yml` / `.kiteguard.yaml` from `startDir` upward, or undefined. */
export function findConfig(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const file = join(dir, name);
      if (existsSync(file) && statSync(file).isFile()) return file;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Parses and validates a config against the rule catalog; throws one InputError listing every mistake, each at its line. */
export function loadConfig(text: string, file: string, catalog: RuleInfo[]): Config {
  const yaml = loadYaml(text, file);
  const config: Config = { rules: {}, waivers: [], attestations: [] };
  const docs = yaml.documents.filter((d) => d.value !== null && d.value !== undefined);
  if (docs.length > 1) fail(yaml, docs[1]?.node.at ?? 0, 'expected one YAML document in the config, found several');
  const doc = docs[0];
  if (doc === undefined) return config;
  const errors: InputError[] = [];
  const attempt = (check: () => void): void => {
    try {
      check();
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      errors.push(err);
    }
  };
  const root = mapping(yaml, doc.value, doc.node, 'the config');
  // Each unknown top-level key on its own, so one typo does not hide the rest.
  for (const key of Object.keys(root)) attempt(() => mapping(yaml, { [key]: null }, doc.node, 'the config', TOP_KEYS));
  const failOn = root['fail_on'];
  if (failOn !== undefined && failOn !== null) attempt(() => (config.failOn = severity(yaml, failOn, valueAt(doc.node, 'fail_on'), 'fail_on')));
  const localWaivers = root['local_waivers'];
  if (localWaivers !== undefined && localWaivers !== null) {
    attempt(() => {
      if (typeof localWaivers !== 'boolean') fail(yaml, valueAt(doc.node, 'local_waivers'), `expected local_waivers to be true or false, got ${kind(localWaivers)}`);
      config.localWaivers = localWaivers;
    });
  }
  const rulesPos = entryValue(doc.node, 'rules');
  if (root['rules'] !== undefined && root['rules'] !== null) {
    const byId = new Map(catalog.map((r) => [r.id, r]));
    attempt(() => {
      for (const [id, value] of Object.entries(mapping(yaml, root['rules'], rulesPos, 'rules'))) {
        const rule = byId.get(id);
        const hint = rule === undefined ? closest(id, [...byId.keys()]) : undefined;
        if (rule === undefined) attempt(() => fail(yaml, keyAt(rulesPos, id), `unknown rule "${id}"${hint ? `; did you mean "${hint}"?` : ''}`));
        else config.rules[id] = ruleConfig(yaml, value, entryValue(rulesPos, id), rule, attempt);
      }
    });
  }
  const list = (key: string, read: (value: unknown, pos: PosNode) => void): void => {
    const value = root[key];
    if (value === undefined || value === null) return;
    const pos = entryValue(doc.node, key);
    if (!Array.isArray(value)) return attempt(() => fail(yaml, pos.at, `expected ${key} to be a list, got ${kind(value)}`));
    value.forEach((item, i) => attempt(() => read(item, pos.kind === 'seq' ? (pos.items[i] ?? pos) : pos)));
  };
  list('waivers', (w, pos) => config.waivers.push(waiver(yaml, w, pos, catalog)));
  list('attestations', (a, pos) => config.attestations.push(attestation(yaml, a, pos, catalog)));
  if (errors.length > 0) throw configErrors(errors);
  return config;
}

// Every mistake of a config at once, one `file:line:col: message` per line; the first one's position is the error's.
function configErrors(errors: InputError[]): InputError {
  const [first] = errors;
  if (errors.length === 1 && first) return first;
  const rest = errors.slice(1).map((e) => e.message);
  return new InputError([first?.detail ?? '', ...rest].join('\n'), first?.position);
}

/** What an evaluation takes from a config: rule switches and severities, the policies' data, waivers and `fail_on`. */
export function evaluationSettings(config: Config): Pick<Config, 'rules' | 'waivers' | 'failOn'> & { data: ReturnType<typeof engineData> } {
  return { rules: config.rules, data: engineData(config), waivers: config.waivers, ...(config.failOn ? { failOn: config.failOn } : {}) };
}

/** The policies' `data` document for a config: knob values and attestations, keyed by rule id. */
export function engineData(config: Config): { config: { rules: Record<string, Record<string, unknown>>; attestations: ReturnType<typeof attestationsForEngine> } } {
  return { config: { rules: rulesConfigForEngine(config), attestations: attestationsForEngine(config) } };
}

/** The object the policies read as `data.config.attestations`: rule id → its attestations. */
function attestationsForEngine(config: Config): Record<string, Array<Omit<Attestation, 'rule' | 'source'>>> {
  const out: Record<string, Array<Omit<Attestation, 'rule' | 'source'>>> = {};
  for (const { rule, source: _source, ...rest } of config.attestations) (out[rule] ??= []).push(rest);
  return out;
}

/** The object the policies read as `data.config.rules`: rule id → knob values set in the config. */
export function rulesConfigForEngine(config: Config): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, rule] of Object.entries(config.rules)) {
    if (Object.keys(rule.knobs).length > 0) out[id] = { ...rule.knobs };
  }
  return out;
}

function ruleConfig(yaml: LoadedYaml, value: unknown, pos: PosNode, rule: RuleInfo, attempt: (check: () => void) => void): RuleConfig {
  const out: RuleConfig = { enabled: true, knobs: {} };
  if (value === null) return out;
  const body = mapping(yaml, value, pos, `the settings of ${rule.id}`);
  for (const [key, v] of Object.entries(body)) attempt(() => ruleSetting(yaml, key, v, pos, rule, out));
  return out;
}

function ruleSetting(yaml: LoadedYaml, key: string, v: unknown, pos: PosNode, rule: RuleInfo, out: RuleConfig): void {
  if (key === 'enabled') {
    if (typeof v !== 'boolean') fail(yaml, valueAt(pos, key), `expected enabled to be true or false, got ${kind(v)}`);
    out.enabled = v;
    return;
  }
  if (key === 'severity') {
    out.severity = severity(yaml, v, valueAt(pos, key), 'severity');
    return;
  }
  const knob = Object.hasOwn(rule.knobs, key) ? rule.knobs[key] : undefined;
  if (knob === undefined) {
    const knobNames = Object.keys(rule.knobs);
    const valid = knobNames.length ? `; valid knobs: ${knobNames.join(', ')}` : '; this rule has no knobs';
    fail(yaml, keyAt(pos, key), `unknown knob "${key}" for rule ${rule.id}${valid} (besides enabled and severity)`);
  }
  const want = jsonType(knob.default);
  if (want !== 'null' && jsonType(v) !== want) {
    fail(yaml, valueAt(pos, key), `knob "${key}" of ${rule.id} expects ${article(want)} (like its default ${JSON.stringify(knob.default)}), got ${kind(v)}`);
  }
  checkKnobValue(yaml, rule.id, key, knob, v, entryValue(pos, key));
  out.knobs[key] = v;
}

function waiver(yaml: LoadedYaml, value: unknown, pos: PosNode, catalog: RuleInfo[]): Waiver {
  const w = mapping(yaml, value, pos, 'a waiver', WAIVER_KEYS);
  for (const key of ['rule', 'reason', 'owner', 'expires']) {
    if (w[key] === undefined || w[key] === null || w[key] === '') fail(yaml, pos.at, `waiver is missing ${key}; every waiver needs rule, reason, owner and expires`);
  }
  const text = (key: string): string => {
    const v = w[key];
    if (typeof v !== 'string') fail(yaml, valueAt(pos, key), `expected the waiver's ${key} to be a string, got ${kind(v)}`);
    return v;
  };
  const rule = text('rule');
  const ids = catalog.map((r) => r.id);
  if (!ids.includes(rule)) {
    const hint = closest(rule, ids);
    fail(yaml, valueAt(pos, 'rule'), `unknown rule "${rule}" in waiver${hint ? `; did you mean "${hint}"?` : ''}`);
  }
  const expires = typeof w['expires'] === 'string' ? w['expires'] : String(w['expires']);
  if (!isIsoDate(expires)) fail(yaml, valueAt(pos, 'expires'), `expected expires to be a date YYYY-MM-DD, got ${JSON.stringify(expires)}`);
  const path = w['path'] === undefined || w['path'] === null ? '**' : text('path');
  try {
    compileGlob(path);
  } catch (err) {
    if (!(err instanceof GlobError)) throw err;
    fail(yaml, valueAt(pos, 'path'), `${err.message}; expected a glob of * ? ** [abc] {a,b} relative to the config file's folder`);
  }
  return { rule, path, reason: text('reason'), owner: text('owner'), expires, source: { file: yaml.file, ...yaml.lines.at(pos.at) } };
}

