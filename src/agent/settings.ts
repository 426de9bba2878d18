// `buildkite-agent.cfg` and agent environment files (`BUILDKITE_AGENT_*=…`): lines of `name=value`
// → agent settings by their config-file name, each with the line it is written on.
import { InputError } from '../errors.js';
import type { Location } from '../model/report.js';
import { MASKED, emptyAgent, pathKey, tableLocator, type AgentDocument, type NormalizedAgent } from './types.js';

/** Settings whose value is a comma-separated list. */
const LIST_SETTINGS = new Set(['tags', 'allowed-plugins', 'allowed-repositories', 'allowed-environment-variables', 'redacted-vars', 'experiment']);
/** Settings that hold a credential: the value is masked unless it refers to a variable. */
const SECRET_SETTINGS = new Set(['token']);

const CFG_LINE = /^\s*([a-z][a-z0-9-]*)\s*=\s*(.*?)\s*$/;
const ENV_LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

/** Reads a `buildkite-agent.cfg`; throws InputError (file:line) on a line that is not `name=value`. */
export function loadAgentConfig(text: string, file: string): AgentDocument {
  return fromLines(text, file, 'agent-config', (line) => {
    const m = CFG_LINE.exec(line);
    return m ? { name: m[1]!, raw: m[2]!, column: line.indexOf(m[1]!) + 1 } : undefined;
  }, 'expected `name=value` (a buildkite-agent.cfg setting), a comment or a blank line');
}

/** Reads an agent environment file; BUILDKITE_AGENT_X and BUILDKITE_X become setting `x`, other variables are skipped. */
export function loadAgentEnv(text: string, file: string): AgentDocument {
  return fromLines(text, file, 'agent-env', (line) => {
    const m = ENV_LINE.exec(line);
    if (!m) return undefined;
    const name = settingOfVariable(m[1]!);
    return { name: name ?? '', raw: m[2]!, column: line.indexOf(m[1]!) + 1 };
  }, 'expected `NAME=value` (an environment variable), a comment or a blank line');
}

/** The agent setting an environment variable sets (`BUILDKITE_AGENT_NO_COMMAND_EVAL` → `no-command-eval`), if any. */
export function settingOfVariable(variable: string): string | undefined {
  const m = /^BUILDKITE_(?:AGENT_)?([A-Z0-9_]+)$/.exec(variable);
  return m ? m[1]!.toLowerCase().replaceAll('_', '-') : undefined;
}

/** Converts one written value: unquoted, booleans as booleans, lists split, credentials masked. */
export function settingValue(name: string, raw: string): string | boolean | string[] {
  const text = unquote(raw);
  if (SECRET_SETTINGS.has(name)) return text === '' || text.includes('$') ? text : MASKED;
  if (LIST_SETTINGS.has(name)) return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (/^(true|1)$/i.test(text)) return true;
  if (/^(false|0)$/i.test(text)) return false;
  return text;
}

/** The queue in an agent's tags (`queue=deploy`), if any. */
export function queueOfTags(tags: unknown): string | undefined {
  const list = Array.isArray(tags) ? tags : typeof tags === 'string' ? tags.split(',') : [];
  for (const tag of list) {
    const m = /^\s*queue\s*=\s*(.+?)\s*$/.exec(String(tag));
    if (m) return m[1];
  }
  return undefined;
}

function unquote(raw: string): string {
  const withoutComment = /^["']/.test(raw) ? raw : raw.replace(/\s+#.*$/, '');
  const m = /^(["'])(.*)\1$/.exec(withoutComment);
  return m ? m[2]! : withoutComment;
}

type LineParser = (line: string) => { name: string; raw: string; column: number } | undefined;

function fromLines(text: string, file: string, kind: 'agent-config' | 'agent-env', parse: LineParser, expected: string): AgentDocument {
  const agent: NormalizedAgent = emptyAgent(kind);
  const table = new Map<string, Location>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (/^\s*(#|$)/.test(line)) return;
    const entry = parse(line);
    if (!entry) throw new InputError(`${expected}, got \`${line.trim().slice(0, 60)}\``, { file, line: i + 1, column: 1 });
    if (entry.name === '') return;
    agent.settings[entry.name] = settingValue(entry.name, entry.raw);
    table.set(pathKey(['agent', 'settings', entry.name]), { file, line: i + 1, column: entry.column });
  });
  const queue = queueOfTags(agent.settings.tags);
  if (queue) agent.queue = queue;
  return { agent, locate: tableLocator(table, { file, line: 1, column: 1 }) };
}
