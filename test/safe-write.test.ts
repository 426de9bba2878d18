// Output files: written atomically (temporary file, fsync, rename), never through a symbolic link, collected data
// owner-readable only, and every failure a clear error that names the path (exit 2), not an internal error.
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EtagCache } from '../src/collect/github/etag-cache.js';
import { writeFileSafely } from '../src/files.js';
import { writeJsonFile } from '../src/snapshot/json-writer.js';
import { ROOT, runCli } from './helpers.js';

const INSECURE = join(ROOT, 'fixtures/pipelines/insecure.yml');
const ESTATE = join(ROOT, 'fixtures/estate/snapshot.json');
const fresh = (): string => mkdtempSync(join(tmpdir(), 'kg-write-'));
const mode = (file: string): number => statSync(file).mode & 0o777;

describe('-o FILE', () => {
  test.each([
    ['check', (out: string) => ['check', INSECURE, '-o', out]],
    ['evaluate', (out: string) => ['evaluate', ESTATE, '-o', out]],
    ['evaluate -f json', (out: string) => ['evaluate', ESTATE, '-f', 'json', '-o', out]],
    ['blast-radius', (out: string) => ['blast-radius', '--snapshot', ESTATE, '--secret', 'X', '-o', out]],
  ])('%s: a symbolic link already at the path is an error, its target untouched', async (_name, args) => {
    const dir = fresh();
    writeFileSync(join(dir, 'bashrc'), 'original\n');
    symlinkSync(join(dir, 'bashrc'), join(dir, 'report.txt'));
    const r = await runCli(args(join(dir, 'report.txt')), { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'report.txt')}: refusing to write through a symbolic link`);
    expect(readFileSync(join(dir, 'bashrc'), 'utf8')).toBe('original\n');
    expect(lstatSync(join(dir, 'report.txt')).isSymbolicLink()).toBe(true);
  });

  test('into a missing folder, onto a directory, onto a read-only file: exit 2 naming the path, no internal error', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'adir'));
    writeFileSync(join(dir, 'ro.txt'), 'keep\n');
    chmodSync(join(dir, 'ro.txt'), 0o444);
    const cases: Array<[string, string]> = [
      [join(dir, 'missing', 'out.txt'), `the folder ${join(dir, 'missing')} does not exist`],
      [join(dir, 'adir'), 'it is a directory'],
      ...(process.getuid?.() === 0 ? [] : ([[join(dir, 'ro.txt'), 'it is read-only']] as Array<[string, string]>)),
    ];
    for (const [out, why] of cases) {
      const r = await runCli(['check', INSECURE, '-o', out], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(out);
      expect(r.stderr).toContain(why);
      expect(r.stderr).not.toContain('internal error');
    }
    expect(readFileSync(join(dir, 'ro.txt'), 'utf8')).toBe('keep\n');
  });

  test('evaluate results hold collected data: mode 0600', async () => {
    const dir = fresh();
    const r = await runCli(['evaluate', ESTATE, '-f', 'json', '-o', join(dir, 'res.json')], { cwd: dir });
    expect(r.code).toBe(1);
    expect(mode(join(dir, 'res.json'))).toBe(0o600);
  });
});

describe('writeFileSafely', () => {
  test('a write that fails part-way leaves the previous file whole and no temporary file behind', () => {
    const dir = fresh();
    const file = join(dir, 'res.json');
    writeFileSync(file, '{"previous": true}\n');
    expect(() =>
      writeFileSafely(file, (write) => {
        write('{"half');
        throw new Error('killed');
      }),
    ).toThrow('killed');
    expect(readFileSync(file, 'utf8')).toBe('{"previous": true}\n');
    expect(readdirSync(dir)).toEqual(['res.json']);
  });

  test('writeJsonFile replaces the file in one step, with the mode asked for', () => {
    const dir = fresh();
    const file = join(dir, 'snap.json');
    writeJsonFile(file, { a: [1, 2] }, 0o600);
    expect(readFileSync(file, 'utf8')).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}\n');
    expect(mode(file)).toBe(0o600);
  });

  test('the ETag cache folder is 0700 and its entries 0600', async () => {
    const dir = join(fresh(), 'cache');
    await new EtagCache(dir, 'id').put({ url: 'https://api.github.com/orgs/acme', etag: '"x"', link: null, body: {} });
    expect(mode(dir)).toBe(0o700);
    const [entry] = readdirSync(dir);
    expect(existsSync(join(dir, entry!))).toBe(true);
    expect(mode(join(dir, entry!))).toBe(0o600);
  });
});
