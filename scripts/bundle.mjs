// Bundles the CLI into one ESM file (dist/kiteguard.js) for a fast start.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/kiteguard.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  define: { KITEGUARD_VERSION: JSON.stringify(version) },
  // CommonJS dependencies inside an ESM bundle need a require.
  banner: { js: "import { createRequire as __kgRequire } from 'node:module'; const require = __kgRequire(import.meta.url);" },
  logLevel: 'warning',
});
console.log('bundled dist/kiteguard.js');
