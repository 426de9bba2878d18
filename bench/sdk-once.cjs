// The floor under a one-shot `kiteguard check`: Node, the OPA Wasm SDK and kiteguard's compiled policies
// evaluating one prepared pipeline input once, under the V8 flags bin/ sets for a one-shot check, and
// nothing else of kiteguard (no CLI, no YAML, no report). bench/precommit.mjs times it beside `check`.
// Usage: node bench/sdk-once.cjs input.json   (the input as the engine evaluates it, literal table included)
'use strict';
require('node:v8').setFlagsFromString('--liftoff-only --no-turbofan --no-maglev --semi-space-growth-factor=1');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { loadPolicySync } = require('@open-policy-agent/opa-wasm');

const policy = loadPolicySync(readFileSync(join(__dirname, '..', 'dist', 'policy.wasm')));
policy.setData({ config: { rules: {} } });
const input = readFileSync(process.argv[2]);
policy.evaluate(input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength), 'kiteguard/pipeline/report');
