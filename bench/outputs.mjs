#!/usr/bin/env node
// Findings before and after an optimization: writes what kiteguard decides on fixtures/ and on
// the open corpus (each pipeline's raw policy result with default and strict knobs, `check
// --format json` over each folder and over two large generated pipelines, `evaluate` of the example estate) into a folder, or compares
// a folder written earlier with what the current build decides, byte for byte.
// --build names another build (a folder holding its bin/ and dist/, e.g. a copy made before a change).
// Usage: node bench/outputs.mjs --write DIR | --compare DIR [--build FOLDER]   (after `make`)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pipeline } from './generate.mjs';

const root = resolve(import.meta.dirname, '..');
const [mode, target, ...rest] = process.argv.slice(2);
const build = rest[0] === '--build' && rest[1] ? resolve(rest[1]) : root;
if (!['--write', '--compare'].includes(mode) || !target) {
  console.error('usage: node bench/outputs.mjs --write DIR | --compare DIR');
  process.exit(2);
}
const corpus = resolve(root, '../shared/corpus/open');
const folders = [join(root, 'fixtures/pipelines'), corpus].filter(existsSync);
const NOW = '2026-11-26T00:00:00.000Z';
const STRICT = {
  rules: {
    'pipeline/plugin_not_pinned': { require_sha: true },
    'pipeline/unsigned_steps': { require_signed: true },
    'pipeline/artifacts_to_hosted_storage': { require_private_storage: true },
  },
};

function yamlFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(name) ? [full] : [];
    });
}

/** Every output, by name. */
function outputs() {
  const out = new Map();
  const api = globalThis.kiteguardApi;
  for (const [label, config] of [['default', { rules: {} }], ['strict', STRICT]]) {
    const engine = api.PolicyEngine.load(api.readAsset('policy.wasm'));
    engine.setData({ config });
    const lines = [];
    for (const dir of folders) {
      for (const file of yamlFiles(dir)) {
        let result;
        try {
          const { pipeline } = api.loadPipeline(readFileSync(file, 'utf8'), file);
          result = engine.evaluate('pipeline', { pipeline, context: {}, now: NOW });
        } catch (err) {
          result = { error: String(err?.message ?? err) };
        }
        lines.push(`${relative(root, file)}\t${JSON.stringify(result)}`);
      }
    }
    out.set(`raw-${label}.tsv`, lines.join('\n') + '\n');
  }
  const cli = (args) => {
    const r = spawnSync(process.execPath, [join(build, 'bin/kiteguard.js'), ...args], { cwd: root, maxBuffer: 256 << 20, env: { ...process.env, NO_COLOR: '1' } });
    // `check` has no --now; its timestamp is the one field allowed to differ.
    return `exit ${r.status}\n${r.stdout.toString().replace(/"generatedAt": ?"[^"]*"/g, '"generatedAt":"-"')}\n${r.stderr}`;
  };
  folders.forEach((dir, i) => out.set(`check-${i}.json`, cli(['check', dir, '--format', 'json'])));
  // Generated pipelines large enough for the engine to evaluate them rule package by rule package.
  for (const [name, steps, findings] of [['large-realistic', 1000, false], ['large-findings', 400, true]]) {
    const file = join(tmpdir(), `kiteguard-outputs-${process.pid}-${name}.yml`);
    writeFileSync(file, pipeline(steps, findings));
    out.set(`check-${name}.json`, cli(['check', file, '--format', 'json']).replaceAll(file, name));
    rmSync(file);
  }
  out.set('evaluate-estate.json', cli(['evaluate', 'fixtures/estate/snapshot.json', '--now', NOW, '--format', 'json']));
  return out;
}

globalThis.kiteguardApi = await import(join(build, 'dist/kiteguard.js'));
const current = outputs();
if (mode === '--write') {
  mkdirSync(target, { recursive: true });
  for (const [name, text] of current) writeFileSync(join(target, name), text);
  console.log(`wrote ${current.size} outputs to ${target}`);
} else {
  let differ = 0;
  for (const [name, text] of current) {
    const file = join(target, name);
    const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (before === text) continue;
    differ++;
    const a = (before ?? '').split('\n');
    const b = text.split('\n');
    const line = a.findIndex((l, i) => l !== b[i]);
    console.log(`DIFFERENT ${name} (first at line ${line + 1}):\n  before: ${(a[line] ?? '').slice(0, 300)}\n  after:  ${(b[line] ?? '').slice(0, 300)}`);
  }
  console.log(differ === 0 ? `all ${current.size} outputs byte-identical` : `${differ} of ${current.size} outputs differ`);
  process.exit(differ === 0 ? 0 : 1);
}
