// Every real pipeline in the shared corpus and every Buildkite schema example parses, and its
// source map points plugins (through aliases and merges: at the alias) and commands at real lines. Skipped when the folders are absent.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
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

const files = DIRS.flatMap(yamlFiles);

describe.skipIf(files.length === 0)('corpus', () => {
  test.each(files.map((f) => [relative(resolve(ROOT, '..'), f), f]))('%s', (_name, file) => {
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
  });
});
