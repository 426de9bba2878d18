// `.kiteguard.yml`: finding it, and reading it into rule settings and waivers, with every
// mistake reported at file:line:col (unknown keys, rule ids and knobs, wrong types, bad dates).

import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RuleInfo, Severity, Waiver } from '../model/report.js';
import { loadYaml } from '../yaml/load.js';
import type { LoadedYaml } from '../yaml/load.js';
import type { PosNode } from '../yaml/positions.js';
import { attestation, type Attestation } from './attestations.js';
import { entryValue, fail, isIsoDate, jsonType, article, keyAt, kind, mapping, severity, valueAt } from './checks.js';
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
}

const TOP_KEYS = ['fail_on', 'rules', 'waivers', 'attestations', 'bundle', 'verification_key'];
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

/** Parses and validates a config against the rule catalog; throws InputError at the offending line. */
export function loadConfig(text: string, file: string, catalog: RuleInfo[]): Config {
  const yaml = loadYaml(text, file);
  const config: Config = { rules: {}, waivers: [], attestations: [] };
  const docs = yaml.documents.filter((d) => d.value !== null && d.value !== undefined);
  if (docs.length > 1) fail(yaml, docs[1]?.node.at ?? 0, 'expected one YAML document in the config, found several');
  const doc = docs[0];
  if (doc === undefined) return config;
  const root = mapping(yaml, doc.value, doc.node, 'the config', TOP_KEYS);
  const failOn = root['fail_on'];
  if (failOn !== undefined && failOn !== null) config.failOn = severity(yaml, failOn, valueAt(doc.node, 'fail_on'), 'fail_on');
  const rulesPos = entryValue(doc.node, 'rules');
  if (root['rules'] !== undefined && root['rules'] !== null) {
    const rules = mapping(yaml, root['rules'], rulesPos, 'rules');
    const byId = new Map(catalog.map((r) => [r.id, r]));
    for (const [id, value] of Object.entries(rules)) {
      const rule = byId.get(id);
      if (rule === undefined) {
        const hint = closest(id, [...byId.keys()]);
        fail(yaml, keyAt(rulesPos, id), `unknown rule "${id}"${hint ? `; did you mean "${hint}"?` : ''}`);
      }
      config.rules[id] = ruleConfig(yaml, value, entryValue(rulesPos, id), rule);
    }
  }
  if (root['waivers'] !== undefined && root['waivers'] !== null) {
    const list = root['waivers'];
    const pos = entryValue(doc.node, 'waivers');
    if (!Array.isArray(list)) fail(yaml, pos.at, `expected waivers to be a list, got ${kind(list)}`);
    config.waivers = list.map((w, i) => waiver(yaml, w, pos.kind === 'seq' ? (pos.items[i] ?? pos) : pos, catalog));
  }
  if (root['attestations'] !== undefined && root['attestations'] !== null) {
    const list = root['attestations'];
    const pos = entryValue(doc.node, 'attestations');
    if (!Array.isArray(list)) fail(yaml, pos.at, `expected attestations to be a list, got ${kind(list)}`);
    config.attestations = list.map((a, i) => attestation(yaml, a, pos.kind === 'seq' ? (pos.items[i] ?? pos) : pos, catalog));
  }
  return config;
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

function ruleConfig(yaml: LoadedYaml, value: unknown, pos: PosNode, rule: RuleInfo): RuleConfig {
  const out: RuleConfig = { enabled: true, knobs: {} };
  if (value === null) return out;
  const knobNames = Object.keys(rule.knobs);
  const body = mapping(yaml, value, pos, `the settings of ${rule.id}`);
  for (const [key, v] of Object.entries(body)) {
    if (key === 'enabled') {
      if (typeof v !== 'boolean') fail(yaml, valueAt(pos, key), `expected enabled to be true or false, got ${kind(v)}`);
      out.enabled = v;
    } else if (key === 'severity') {
      out.severity = severity(yaml, v, valueAt(pos, key), 'severity');
    } else {
      const knob = Object.hasOwn(rule.knobs, key) ? rule.knobs[key] : undefined;
      if (knob === undefined) {
        const valid = knobNames.length ? `; valid knobs: ${knobNames.join(', ')}` : '; this rule has no knobs';
        fail(yaml, keyAt(pos, key), `unknown knob "${key}" for rule ${rule.id}${valid} (besides enabled and severity)`);
      }
      const want = jsonType(knob.default);
      if (want !== 'null' && jsonType(v) !== want) {
        fail(yaml, valueAt(pos, key), `knob "${key}" of ${rule.id} expects ${article(want)} (like its default ${JSON.stringify(knob.default)}), got ${kind(v)}`);
      }
      out.knobs[key] = v;
    }
  }
  return out;
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
  return { rule, path, reason: text('reason'), owner: text('owner'), expires, source: { file: yaml.file, ...yaml.lines.at(pos.at) } };
}

