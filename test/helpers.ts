// Shared test helpers: paths, the OPA binary, an in-process CLI runner.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { run } from '../src/cli/index.js';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..');
/** The pinned OPA binary installed by `make`. */
export const OPA = process.env.KITEGUARD_OPA ?? join(ROOT, '.tools/bin/opa');
/** Real pipelines from public repositories, beside the checkout when present. */
export const CORPUS = resolve(ROOT, '../shared/corpus/open');

/** Every YAML file below a directory (empty when it does not exist). */
export function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(name)) out.push(full);
  }
  return out;
}

/** Result of one in-process CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process through `run()` with captured output. */
export async function runCli(args: string[], opts: { cwd?: string; stdin?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: async () => opts.stdin ?? '',
    cwd: opts.cwd ?? ROOT,
    env: opts.env ?? {},
    stdoutIsTTY: false,
  });
  return { code, stdout, stderr };
}

/** A fresh P-256 key pair written into `dir` as `k.pem` (PKCS#8 private) and `k.pub` (SPKI public). */
export function ecKeyFiles(dir: string): { key: string; pub: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const files = { key: join(dir, 'k.pem'), pub: join(dir, 'k.pub') };
  writeFileSync(files.key, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(files.pub, publicKey.export({ type: 'spki', format: 'pem' }));
  return files;
}
