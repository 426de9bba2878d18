// merge refuses parts of different organizations and overlapping shards; a snapshot listing an entry twice is an
// input error naming both; a malformed results file is an input error naming the file, not "internal error".
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, runCli } from './helpers.js';

const ESTATE = join(ROOT, 'fixtures/estate/snapshot.json');
const NOW = '2026-12-01T00:00:00Z';
const estate = () => JSON.parse(readFileSync(ESTATE, 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'kg-merge-'));
const save = (name: string, doc: unknown): string => {
  const file = join(work, name);
  writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
  return file;
};

describe('merge of snapshots', () => {
  test('parts of different organizations are refused', async () => {
    const a = estate();
    a.shard = { index: 1, count: 2 };
    const b = estate();
    b.shard = { index: 2, count: 2 };
    b.github.org = 'other';
    b.github.repositories.data = [];
    const r = await runCli(['merge', save('a.json', a), save('b.json', b), '-o', join(work, 'm.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(work, 'b.json')}: is a snapshot of GitHub other, Buildkite acme-inc, but ${join(work, 'a.json')} is of GitHub acme, Buildkite acme-inc`);
  });

  test('the same shard given twice is refused', async () => {
    const a = estate();
    a.shard = { index: 1, count: 2 };
    const file = save('s1.json', a);
    const r = await runCli(['merge', file, file, '-o', join(work, 'm2.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('shard 1/2 is in both');
    expect(r.stderr).toContain('the parts overlap');
  });

  test('a part missing the GitHub section of the others is refused, not dropped', async () => {
    const a = estate();
    a.shard = { index: 1, count: 2 };
    delete a.github;
    const b = estate();
    b.shard = { index: 2, count: 2 };
    const r = await runCli(['merge', save('na.json', a), save('nb.json', b), '-o', join(work, 'm3.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('GitHub (none)');
  });
});

test('merge of results given the same part twice is refused', async () => {
  const part = join(work, 'r1.json');
  expect((await runCli(['evaluate', ESTATE, '--now', NOW, '-f', 'json', '--shard', '1/2', '-o', part])).code).toBe(1);
  const r = await runCli(['merge', part, part, '-o', join(work, 'rm.json')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('the parts overlap');
});

test('a snapshot listing a repository twice is an input error naming both entries', async () => {
  const s = estate();
  s.github.repositories.data.push(s.github.repositories.data[0]);
  const file = save('dup.json', s);
  const r = await runCli(['evaluate', file, '--now', NOW]);
  expect(r.code).toBe(2);
  const name = s.github.repositories.data[0].full_name;
  expect(r.stderr).toMatch(new RegExp(`dup\\.json:\\d+:\\d+: "${name}" is listed twice, at /github/repositories/data/0 \\(line \\d+\\) and /github/repositories/data/\\d+ \\(line \\d+\\)`));
});

test('a malformed results file is an input error naming the file and field', async () => {
  const file = save('bad-results.json', { format: { name: 'kiteguard-report', version: 1 }, tool: { version: '0.1.0' }, targets: [], rules: [], outcomes: [], findings: 7, expiredWaivers: [] });
  const r = await runCli(['merge', file, '-o', join(work, 'x.json')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`${file}: not a kiteguard results file: "findings" is not a list`);
  expect(r.stderr).not.toContain('internal error');
});

test('results with input errors keep them when read back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kg-rt-'));
  writeFileSync(join(dir, 'bad.yml'), 'steps:\n  - command: [echo,\n');
  await runCli(['check', 'bad.yml', '-f', 'json', '-o', join(dir, 'r.json')], { cwd: dir });
  const m = await runCli(['merge', join(dir, 'r.json'), '-o', join(dir, 'm.json')], { cwd: dir });
  expect(m.code).toBe(0);
  expect(JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8')).errors).toHaveLength(1);
});
