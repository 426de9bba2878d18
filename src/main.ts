// Binds the CLI to the real process: stdio, environment, working directory.
import { run } from './cli/index.js';

/** Runs the CLI against the real process and resolves to the exit code. */
export function main(argv: string[], policy?: Promise<WebAssembly.Module | undefined>): Promise<number> {
  return run(argv, {
    ...(policy ? { policy } : {}),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: readAllStdin,
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  });
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export { loadPipeline } from './pipeline/load.js';
export { PolicyEngine } from './engine/policy.js';
export { readAsset } from './engine/assets.js';
export { parseCatalog } from './engine/catalog.js';
