// Binds the CLI to the real process: stdio, environment, working directory.
import { run } from './cli/index.js';

/** Runs the CLI against the real process and resolves to the exit code. */
export function main(argv: string[], policy?: Promise<WebAssembly.Module | undefined>): Promise<number> {
  const stdout = quietOnClosedPipe();
  return run(argv, {
    ...(policy ? { policy } : {}),
    stdout,
    stderr: (text) => process.stderr.write(text),
    readStdin: readAllStdin,
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  });
}

// A reader that stops early (`kiteguard rules | head`) closes the pipe: the rest of the output is dropped, quietly.
function quietOnClosedPipe(): (text: string) => void {
  let closed = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    closed = true;
  });
  return (text) => {
    if (!closed) process.stdout.write(text);
  };
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
