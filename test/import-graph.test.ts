// The import-graph check that `make test` runs: clean on src/, and it catches each kind of violation.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

function checkImports(dir: string): { status: number | null; stdout: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts/check-imports.mjs'), dir], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout };
}

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'kiteguard-imports-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('check-imports', () => {
  it('passes on the source tree', () => {
    const { status, stdout } = checkImports(join(ROOT, 'src'));
    expect(stdout).toMatch(/imports: 5 passed, 0 failed/);
    expect(status).toBe(0);
  });

  it.each([
    ['a lower stage importing cli/', { 'cli/io.ts': '', 'collect/run.ts': "import type { X } from '../cli/io.js';" }, 'only src/main.ts and src/cli/ import src/cli/'],
    ['the snapshot importing a collector', { 'collect/types.ts': '', 'snapshot/types.ts': "import type { X } from '../collect/types.js';" }, 'src/snapshot/ does not import src/collect/'],
    ['the model importing kiteguard', { 'errors.ts': '', 'model/report.ts': "import { E } from '../errors.js';" }, 'src/model/ imports nothing else of kiteguard'],
    ['a stage importing one above it', { 'app/check.ts': '', 'engine/evaluate.ts': "const app = await import('../app/check.js');" }, 'each stage imports only the stages below it'],
    ['two files importing each other', { 'targets/a.ts': "import { b } from './b.js';", 'targets/b.ts': "export { a } from './a.js';" }, 'no import circles'],
  ])('fails on %s', (_name, files, check) => {
    const { status, stdout } = checkImports(tree(files));
    expect(stdout).toContain(`imports: FAIL ${check}`);
    expect(status).toBe(1);
  });

  it('lets every file of the floor import the floor', () => {
    const files = { 'errors.ts': '', 'collections.ts': '', 'files.ts': '', 'url.ts': '', 'version.ts': '', 'model/report.ts': '' };
    const floorImports = Object.fromEntries(
      ['redact.ts', 'shard/shard.ts', 'yaml/load.ts', 'pipeline/load.ts', 'agent/load.ts', 'snapshot/io.ts'].map((f) => [f, `import { E } from '${f.includes('/') ? '../' : './'}errors.js';`]),
    );
    const { status, stdout } = checkImports(tree({ ...files, ...floorImports }));
    expect(stdout).toMatch(/imports: 5 passed, 0 failed/);
    expect(status).toBe(0);
  });
});
