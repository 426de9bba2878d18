// Generates scripts/lib/wasm-capabilities.json: OPA's capabilities narrowed to the builtins kiteguard's Node host
// runs, i.e. those OPA compiles natively into Wasm plus those the SDK implements in JavaScript
// (src/engine/host-builtins.json). Every builtin is called once in a probe policy compiled to Wasm; the module's
// `builtins` export lists the ones it would call on the host. Run after an OPA upgrade: `node scripts/capabilities.mjs [opa] [out]`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const opa = process.argv[2] ?? '.tools/bin/opa';
const OUT = process.argv[3] ?? 'scripts/lib/wasm-capabilities.json';
const HOST = JSON.parse(readFileSync('src/engine/host-builtins.json', 'utf8'));
const { loadPolicySync } = createRequire(import.meta.url)('@open-policy-agent/opa-wasm');

const caps = JSON.parse(execFileSync(opa, ['capabilities', '--current']).toString());
const abi = JSON.parse(execFileSync(opa, ['capabilities', '--version', `v${execFileSync(opa, ['version']).toString().match(/Version: (\S+)/)[1]}`]).toString()).wasm_abi_versions;

/** Operators and compiler-internal builtins are emitted by the compiler itself; they are always kept. */
const always = (b) => b.infix || b.name.startsWith('internal.') || b.name === 'print';
const probed = caps.builtins.filter((b) => !always(b));

/** A call of the builtin with `input` arguments (type `any`, so every declaration accepts them). */
const call = (b) => `${b.name}(${Array.from({ length: b.decl.args?.length ?? (b.decl.variadic ? 1 : 0) }, (_, i) => `input.a${i}`).join(', ')})`;

const work = mkdtempSync(join(tmpdir(), 'kiteguard-caps-'));
const refused = new Set();
let needed;
try {
  for (;;) {
    const calls = probed.filter((b) => !refused.has(b.name));
    const lines = ['package probe', ''];
    calls.forEach((b, i) => lines.push(`p${i} := ${call(b)}`));
    writeFileSync(join(work, 'probe.rego'), lines.join('\n') + '\n');
    try {
      execFileSync(opa, ['build', '-t', 'wasm', '-e', 'probe', '-o', join(work, 'b.tar.gz'), join(work, 'probe.rego')], { stdio: 'pipe' });
      break;
    } catch (err) {
      // A builtin the compiler will not take in a Rego v1 module (deprecated ones): dropped, and probed again.
      const rows = [...(err.stdout.toString() + err.stderr.toString()).matchAll(/probe\.rego:(\d+):/g)].map((m) => Number(m[1]));
      if (!rows.length) throw err;
      for (const row of rows) refused.add(calls[row - 3].name);
    }
  }
  execFileSync('tar', ['-xzf', join(work, 'b.tar.gz'), '-C', work, '/policy.wasm'], { stdio: 'pipe' });
  const policy = loadPolicySync(readFileSync(join(work, 'policy.wasm')));
  const { exports } = policy.wasmInstance;
  const address = exports.opa_json_dump(exports.builtins());
  const bytes = new Uint8Array(policy.mem.buffer, address);
  needed = new Set(Object.keys(JSON.parse(Buffer.from(bytes.subarray(0, bytes.indexOf(0))).toString())));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const runs = (b) => always(b) || (!refused.has(b.name) && (!needed.has(b.name) || HOST.includes(b.name)));
const builtins = caps.builtins.filter(runs);
writeFileSync(OUT, JSON.stringify({ ...caps, builtins, wasm_abi_versions: abi }, null, 1) + '\n');
console.log(`wrote ${OUT}: ${builtins.length} of ${caps.builtins.length} builtins (${needed.size} need the host, ${refused.size} refused by Rego v1)`);
