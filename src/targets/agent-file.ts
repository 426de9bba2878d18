// Agent files as `agent` targets: each configuration, env file, stack parameter file or Helm values
// file one target, each hooks folder one target, with a locator from a finding's path to file:line:col.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { loadHooks, hookName, type HookFile } from '../agent/hooks.js';
import { loadAgentFile } from '../agent/load.js';
import type { AgentDocument, AgentKind } from '../agent/types.js';
import { InputError } from '../errors.js';
import type { Target } from '../model/target.js';

/** How the queue the agents serve is trusted: `untrusted` runs code anyone can propose (pull requests, forks). */
export type QueueTrust = 'trusted' | 'untrusted';

/** What `check-agent` knows besides the files. */
export interface AgentContext {
  queueTrust?: QueueTrust;
  /** The agent version the settings run on, when known. */
  agentVersion?: string;
  kind?: AgentKind;
}

/** One agent document as its `agent` target. */
export function agentTarget(name: string, doc: AgentDocument, ctx: AgentContext): Target {
  const agent = { ...doc.agent, ...(ctx.agentVersion ? { version: ctx.agentVersion } : {}) };
  const context = { ...(ctx.queueTrust ? { queue_trust: ctx.queueTrust } : {}) };
  return { kind: 'agent', name, input: { agent, context }, file: name, locate: (path) => doc.locate(path) };
}

/** The targets of the named files and folders (a folder is an agent hooks folder); unreadable inputs are collected, not thrown. */
export function agentFileTargets(paths: string[], cwd: string, ctx: AgentContext): { targets: Target[]; errors: InputError[] } {
  const targets: Target[] = [];
  const errors: InputError[] = [];
  for (const p of paths) {
    const full = resolve(cwd, p);
    const name = isAbsolute(p) ? p : relative(cwd, full) || p;
    try {
      let isDir: boolean;
      try {
        isDir = statSync(full).isDirectory();
      } catch {
        throw new InputError('cannot read the file', { file: name });
      }
      if (isDir && ctx.kind !== undefined && ctx.kind !== 'hooks') throw new InputError(`expected a ${ctx.kind} file, got a folder`, { file: name });
      const doc = isDir ? loadHooks(hookFiles(full, name), name) : loadAgentFile(readFileSync(full, 'utf8'), name, ctx.kind);
      targets.push(agentTarget(name, doc, ctx));
    } catch (err) {
      if (err instanceof InputError) errors.push(err);
      else throw err;
    }
  }
  return { targets, errors };
}

function hookFiles(dir: string, name: string): HookFile[] {
  const files = readdirSync(dir)
    .filter((f) => !f.startsWith('.') && !/\.(md|txt)$/i.test(f) && statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => ({ name: hookName(f), file: join(name, f), text: readFileSync(join(dir, f), 'utf8') }));
  if (files.length === 0) throw new InputError('expected agent hook scripts in this folder, found none', { file: name });
  return files;
}
