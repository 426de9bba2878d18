// Every real pipeline in the shared corpus (all files of its MANIFEST.tsv) and every Buildkite schema example:
// a file Buildkite accepts loads, and its source map points plugins (through aliases and merges: at the alias)
// and commands at real lines; a file labelled REJECT in LABELS.tsv is an InputError. Skipped only when the
// folders are absent.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../src/errors.js';
import { loadPipeline } from '../src/pipeline/load.js';
import type { NormalizedStep } from '../src/pipeline/types.js';
import { CORPUS, ROOT, yamlFiles } from './helpers.js';

const DIRS = [CORPUS, resolve(ROOT, '../shared/data/buildkite-valid-pipelines')];

function walk(steps: NormalizedStep[], path: Array<string | number>, visit: (s: NormalizedStep, p: Array<string | number>) => void): void {
  steps.forEach((s, i) => {
    visit(s, [...path, i]);
    walk(s.steps, [...path, i, 'steps'], visit);
  });
}

/** The rows of a corpus TSV file, split into columns (comments and the header row left out). */
function rows(name: string): string[][] {
  const file = join(CORPUS, name);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .slice(1)
    .map((l) => l.split('\t'));
}

const files = DIRS.flatMap(yamlFiles);
const manifest = rows('MANIFEST.tsv').map(([file]) => resolve(CORPUS, file ?? ''));
const rejected = new Set(rows('LABELS.tsv').filter((r) => r[3] === 'REJECT').map(([file]) => resolve(CORPUS, file ?? '')));

function accepted(file: string): void {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const { pipeline, locate } = loadPipeline(text, file);
  walk(pipeline.steps, ['steps'], (step, path) => {
    const at = locate(path);
    expect(at.line).toBeGreaterThan(0);
    expect(at.line).toBeLessThanOrEqual(lines.length);
    step.plugins.forEach((plugin, i) => {
      const evidence = plugin.ref === null ? plugin.name : `${plugin.name}#${plugin.ref}`;
      const p = locate([...path, 'plugins', i], evidence);
      const there = lines[p.line - 1]?.slice(p.column - 1) ?? '';
      const alias = /^\*([^\s,\]}]+)/.exec(there)?.[1];
      // A plugin from anchored content is at the alias that uses it; the anchor holds the plugin.
      if (alias === undefined) expect(there).toContain(plugin.name);
      else expect(text.slice(text.indexOf(`&${alias}`))).toContain(plugin.name);
    });
    step.commands.forEach((_, k) => {
      const p = locate([...path, 'commands', k]);
      expect(lines[p.line - 1]?.trim()).not.toBe('');
    });
  });
}

describe.skipIf(files.length === 0)('corpus', () => {
  test('covers every file of the manifest, and every REJECT label names one', () => {
    expect(manifest.length).toBeGreaterThan(0);
    expect(files.filter((f) => f.startsWith(CORPUS)).sort()).toEqual([...manifest].sort());
    for (const file of rejected) expect(manifest).toContain(file);
  });

  test.each(files.map((f) => [relative(resolve(ROOT, '..'), f), f]))('%s', (_name, file) => {
    if (!rejected.has(file)) return accepted(file);
    const text = readFileSync(file, 'utf8');
    expect(() => loadPipeline(text, file)).toThrow(InputError);
  });
});
