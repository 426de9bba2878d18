// The world as the CLI sees it, injected so tests can run commands in-process.

/** Streams, environment and working directory of one CLI invocation. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal (colour and progress only then). */
  stdoutIsTTY: boolean;
  /** Whether stderr is a terminal (the progress display redraws in place only then). */
  stderrIsTTY?: boolean;
  /** The policy module, compiled in the background while the CLI loaded; undefined when that failed. */
  policy?: Promise<WebAssembly.Module | undefined>;
}

/** Exit codes: 0 clean, 1 blocking findings, 2 usage / config / input error. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
