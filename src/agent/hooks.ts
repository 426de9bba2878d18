// Agent hooks: shell scripts the agent runs around every job. Each becomes logical lines (backslash
// continuations kept inside one line, comments and blank lines left out) and one command step of a pipeline, so the
// pipeline rules' command detectors read hooks exactly as they read pipeline commands.
import { loadPipeline } from '../pipeline/load.js';
import type { Location } from '../model/report.js';
import { emptyAgent, pathKey, tableLocator, type AgentDocument, type AgentHook } from './types.js';

/** One hook file: its name as the agent knows it and its text. */
export interface HookFile {
  name: string;
  file: string;
  text: string;
}

/** The hook name of a file name (`pre-command.sh` → `pre-command`). */
export function hookName(fileName: string): string {
  return fileName.replace(/\.(sh|bash|ps1|bat|cmd)$/, '');
}

/** Reads a set of hook scripts as one `hooks` agent document. */
export function loadHooks(files: HookFile[], name: string): AgentDocument {
  const agent = emptyAgent('hooks');
  const table = new Map<string, Location>();
  files.forEach((f, i) => {
    const hook: AgentHook = { name: f.name, file: f.file, lines: [] };
    for (const { text, line } of logicalLines(f.text)) {
      table.set(pathKey(['agent', 'hooks', i, 'lines', hook.lines.length]), { file: f.file, line, column: 1 });
      hook.lines.push(text);
    }
    table.set(pathKey(['agent', 'hooks', i]), { file: f.file, line: 1, column: 1 });
    agent.hooks.push(hook);
  });
  const steps = agent.hooks.map((h) => ({ label: h.name, command: h.lines.length > 0 ? h.lines : ['true'] }));
  agent.hooks_pipeline = loadPipeline(JSON.stringify({ steps }), name).pipeline;
  return { agent, locate: tableLocator(table, { file: files[0]?.file ?? name, line: 1, column: 1 }) };
}

/** The logical lines of a script with the 1-based line each starts on. */
export function logicalLines(text: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let pending: { text: string; line: number } | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!pending && /^\s*(#|$)/.test(raw)) return;
    const current = pending ?? { text: '', line: i + 1 };
    const continued = /\\$/.test(raw);
    current.text += continued ? `${raw}\n` : raw;
    if (continued) pending = current;
    else {
      out.push({ text: current.text.trim(), line: current.line });
      pending = undefined;
    }
  });
  if (pending) out.push({ text: pending.text.trim(), line: pending.line });
  return out;
}
