// Posts a Buildkite annotation through `buildkite-agent annotate` when running inside a Buildkite job.
import { spawn as nodeSpawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { AnnotationStyle } from './buildkite.js';

/** Where and how to annotate: the annotation context, the environment to read BUILDKITE/PATH from, and an injectable spawn. */
export interface AnnotateOptions {
  /** Annotation context; a later annotation with the same context replaces this one. */
  context?: string;
  env: Record<string, string | undefined>;
  spawn?: typeof nodeSpawn;
  /** Kill the agent after this many milliseconds (default 30 s). */
  timeoutMs?: number;
}

/** Whether the annotation was posted, and why not when it was attempted and failed. */
export interface AnnotateResult {
  ran: boolean;
  warning?: string;
}

const STDERR_MAX = 2000;

/** Runs `buildkite-agent annotate --style S --context C` with the body on stdin; never throws, failures become a warning. */
export async function annotate(markdown: string, style: AnnotationStyle, options: AnnotateOptions): Promise<AnnotateResult> {
  const { env } = options;
  if (env.BUILDKITE !== 'true') return { ran: false };
  const agent = findOnPath('buildkite-agent', env);
  if (agent === undefined) return { ran: false, warning: 'BUILDKITE=true but buildkite-agent is not on PATH; no annotation posted' };
  const args = ['annotate', '--style', style, '--context', options.context ?? 'kiteguard'];
  return new Promise((resolve) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = (result: AnnotateResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    let stderr = '';
    let child: ReturnType<typeof nodeSpawn>;
    try {
      child = (options.spawn ?? nodeSpawn)(agent, args, { env, stdio: ['pipe', 'ignore', 'pipe'] });
    } catch (err) {
      done({ ran: false, warning: `could not run buildkite-agent: ${describe(err)}` });
      return;
    }
    timer = setTimeout(() => {
      child.kill();
      done({ ran: false, warning: `buildkite-agent annotate did not finish within ${options.timeoutMs ?? 30_000} ms` });
    }, options.timeoutMs ?? 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_MAX) stderr += chunk.toString('utf8');
    });
    child.on('error', (err) => done({ ran: false, warning: `could not run buildkite-agent: ${describe(err)}` }));
    child.on('close', (code, signal) => {
      if (code === 0) return done({ ran: true });
      const why = signal ? `was killed by ${signal}` : `exited with ${code}`;
      const detail = stderr.trim().slice(0, STDERR_MAX);
      done({ ran: false, warning: `buildkite-agent annotate ${why}${detail ? `: ${detail}` : ''}` });
    });
    child.stdin?.on('error', () => undefined); // EPIPE if the agent exits early; 'close' reports the outcome.
    child.stdin?.end(markdown, 'utf8');
  });
}

/** The first executable named `name` in `env.PATH` (with PATHEXT on Windows), or undefined. */
export function findOnPath(name: string, env: Record<string, string | undefined>): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter((d) => d !== '');
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        continue;
      }
    }
  }
  return undefined;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
