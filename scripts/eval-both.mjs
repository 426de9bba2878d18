// Dev aid: evaluates a normalized pipeline input (JSON file) through dist/policy.wasm
// and through `opa eval`, prints the Wasm report, and says whether the two agree.
// Usage: node scripts/eval-both.mjs input.json [config.json]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const { loadPolicySync } = require('@open-policy-agent/opa-wasm');
const sdkDir = dirname(require.resolve('@open-policy-agent/opa-wasm'));
const hostBuiltins = Object.keys(require(join(sdkDir, 'builtins/index.js')));

const [inputFile, configFile] = process.argv.slice(2);
const input = JSON.parse(readFileSync(inputFile, 'utf8'));
const data = configFile ? { config: JSON.parse(readFileSync(configFile, 'utf8')) } : {};

const policy = loadPolicySync(readFileSync('dist/policy.wasm'));
const { exports } = policy.wasmInstance;
const dumped = exports.opa_json_dump(exports.builtins());
const bytes = new Uint8Array(policy.mem.buffer, dumped);
const needed = JSON.parse(Buffer.from(bytes.subarray(0, bytes.indexOf(0))).toString());
const missing = Object.keys(needed).filter((b) => !hostBuiltins.includes(b));
if (missing.length) console.log(`BUILTINS NOT AVAILABLE IN WASM: ${missing.join(', ')}`);
policy.setData(data);
const canon = (v) => Array.isArray(v) ? v.map(canon) : v && typeof v === 'object'
  ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])])) : v;
const sort = (r) => {
  const c = canon(r);
  c.findings.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return c;
};
const wasm = sort(policy.evaluate(input, 'kiteguard/pipeline/report')[0].result);

const args = ['eval', '-d', 'policies', '--ignore', '*_test.rego', '-i', inputFile, '-f', 'json', 'data.kiteguard.pipeline.report'];
const out = JSON.parse(execFileSync('.tools/bin/opa', args, { input: '' }).toString());
const go = sort(out.result[0].expressions[0].value);

console.log(JSON.stringify(wasm, null, 2));
if (configFile) console.log('(config given: opa eval ran without it, compare by hand)');
else console.log(JSON.stringify(wasm) === JSON.stringify(go) ? 'wasm == opa eval' : 'DIFFERENT from opa eval:\n' + JSON.stringify(go, null, 2));
