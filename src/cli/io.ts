// The world as the CLI sees it, injected so tests can run commands in-process.
import type { CommandResult } from './exit.js';

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
  /** The width of that terminal, in columns. */
  stderrColumns?: number;
  /** The policy module, compiled in the background while the CLI loaded; undefined when that failed. */
  policy?: Promise<WebAssembly.Module | undefined>;
}

/** Hands a command's result to the CLI, which turns it into the exit code. */
export type Finish = (result: CommandResult) => void;
