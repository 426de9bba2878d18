// Bundles the CLI into dist/kiteguard.js (plus lazily loaded chunks) for a fast start.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

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

// RE2JS (a third of the bundle's code) is needed only when a config has waivers or regular-expression
// knobs: the bundle imports a stand-in whose properties load the real class on first use (a `require`
// esbuild bundles as a module that runs when first required), so a run without them never evaluates it.
const lazyRe2 = {
  name: 'lazy-re2js',
  setup(b) {
    b.onResolve({ filter: /^re2js$/ }, (args) => (args.namespace === 'kiteguard-lazy' ? undefined : { path: 're2js', namespace: 'kiteguard-lazy' }));
    b.onLoad({ filter: /.*/, namespace: 'kiteguard-lazy' }, () => ({
      contents: [
        'let real;',
        "const load = () => (real ??= require('re2js').RE2JS);",
        'export const RE2JS = new Proxy({}, { get: (_, key) => { const value = load()[key]; return typeof value === "function" ? value.bind(load()) : value; } });',
      ].join('\n'),
      resolveDir: process.cwd(),
      loader: 'js',
    }));
  },
};

const nodeRequire = createRequire(import.meta.url);

// Chunk names carry content hashes: drop the previous build's so none goes stale into a package.
rmSync('dist/chunks', { recursive: true, force: true });

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = {
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
};
await build({
  ...common,
  entryPoints: { kiteguard: 'src/main.ts', 'evaluate-worker': 'src/engine/worker.ts' },
  outdir: 'dist',
  // Commands that need large libraries (API clients, schema validation) load them as
  // separate chunks on first use, so `check` starts without parsing them.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [withoutSdkYaml, lazyRe2],
});

// Built-in modules a check run seldom needs (hashing repeated inputs and signed bundles, spawning
// buildkite-agent, gunzip; commander's executable subcommands; the worker of a large pipeline): the one-shot bundle imports stand-ins
// that load the real module on first use. An import of a name a stand-in lacks fails the build.
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:(crypto|child_process|zlib|worker_threads)$/ }, (args) =>
      args.namespace === 'kiteguard-lazy-builtin' ? { path: args.path, external: true } : { path: args.path, namespace: 'kiteguard-lazy-builtin' },
    );
    b.onLoad({ filter: /.*/, namespace: 'kiteguard-lazy-builtin' }, (args) => ({ contents: standIn(args.path), loader: 'js', resolveDir: process.cwd() }));
  },
};

// A module with the functions and objects the built-in exports, each loading it when first called or read.
function standIn(name) {
  const lines = ['let real;', `const load = () => (real ??= require(${JSON.stringify(name)}));`];
  for (const [key, { value }] of Object.entries(Object.getOwnPropertyDescriptors(nodeRequire(name)))) {
    if (!/^[A-Za-z_$][\w$]*$/.test(key)) continue;
    if (typeof value === 'function') lines.push(`export function ${key}(...a) { return new.target ? new (load().${key})(...a) : load().${key}(...a); }`);
    else if (value && typeof value === 'object') lines.push(`export const ${key} = new Proxy({}, { get: (_, k) => load().${key}[k] });`);
  }
  return lines.join('\n');
}

// The one-shot bundle bin/ runs for `check` and `check-agent`: the same entry with the CLI of only those
// two commands (src/cli/one-shot.ts), in one CommonJS file, so a pre-commit run loads one script and nothing
// of the other commands, with V8's code cache (bin/load-check.js; scripts/code-cache.mjs writes it after this
// build, which deletes the one of the previous bundle). What they load on first use (a signed bundle, the HTML
// report) stays in the file, run only when used.
const oneShotCli = {
  name: 'one-shot-cli',
  setup(b) {
    b.onResolve({ filter: /^\.\/cli\/index\.js$/ }, (args) => (args.importer.endsWith('src/main.ts') ? { path: resolve('src/cli/one-shot.ts') } : undefined));
  },
};
rmSync('dist/kiteguard-check.cache', { force: true });
await build({
  ...common,
  entryPoints: { 'kiteguard-check': 'src/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // The file's URL, which the sources read from import.meta (CommonJS has none).
  define: { ...common.define, 'import.meta.url': '__kgModuleUrl' },
  banner: { js: "const __kgModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [withoutSdkYaml, lazyRe2, lazyBuiltins, oneShotCli],
});
console.log('bundled dist/kiteguard.js and dist/kiteguard-check.cjs');
