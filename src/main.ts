// Binds the CLI to the real process: stdio, environment, working directory.
import { run } from './cli/index.js';
import { InputError } from './errors.js';
import { decodeUtf8 } from './files.js';
import { DEFAULT_LIMITS } from './yaml/load.js';

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
    ...(process.stderr.columns ? { stderrColumns: process.stderr.columns } : {}),
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

// Stdin holds pipeline YAML: read no more than the YAML limit (a larger input is an error before it fills memory), as strict UTF-8.
async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > DEFAULT_LIMITS.maxBytes) {
      process.stdin.destroy();
      throw new InputError(`the input is larger than the limit of ${DEFAULT_LIMITS.maxBytes} bytes`, { file: '<stdin>' });
    }
  }
  return decodeUtf8(Buffer.concat(chunks), '<stdin>');
}

export { loadPipeline } from './pipeline/load.js';
export { PolicyEngine } from './engine/policy.js';
export { readAsset } from './engine/assets.js';
export { parseCatalog } from './engine/catalog.js';
