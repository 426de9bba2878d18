// Bundles TypeScript modules of the repository for a benchmark run (esbuild, packages left external so they resolve
// from the project's node_modules): `lines` are the bundle's source, the file lands in `dir` as `<name>.mjs`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Writes one ESM bundle of `lines` (resolved from `root`) to `dir/<name>.mjs` and returns its path. */
export async function bundleTs(root, dir, name, lines) {
  const out = await build({
    stdin: { contents: lines.join('\n'), resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'warning',
    packages: 'external',
  });
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, out.outputFiles[0].text);
  return file;
}
