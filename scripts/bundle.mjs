// Bundles the CLI into dist/kiteguard.js (plus lazily loaded chunks) for a fast start.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

// The SDK's YAML builtins pull in the `yaml` package (a third of start-up time); the
// policies call no yaml.* builtin, so the bundle leaves them out (the host-builtins test
// fails if a policy starts to need one).
const withoutSdkYaml = {
  name: 'without-sdk-yaml',
  setup(b) {
    b.onResolve({ filter: /^\.\/yaml$/ }, (args) =>
      args.importer.includes('opa-wasm') ? { path: 'sdk-yaml', namespace: 'kiteguard-stub' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'kiteguard-stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

// Chunk names carry content hashes: drop the previous build's so none goes stale into a package.
rmSync('dist/chunks', { recursive: true, force: true });

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
await build({
  entryPoints: { kiteguard: 'src/main.ts', 'evaluate-worker': 'src/engine/worker.ts' },
  outdir: 'dist',
  // Commands that need large libraries (API clients, schema validation) load them as
  // separate chunks on first use, so `check` starts without parsing them.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  define: { KITEGUARD_VERSION: JSON.stringify(version) },
  // CommonJS dependencies inside an ESM bundle need a require.
  plugins: [withoutSdkYaml],
  banner: { js: "import { createRequire as __kgRequire } from 'node:module'; const require = __kgRequire(import.meta.url);" },
  logLevel: 'warning',
});
console.log('bundled dist/kiteguard.js');
