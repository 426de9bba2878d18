// Where a pipeline's YAML uses a secret or an environment variable: `secrets:` entries,
// `buildkite-agent secret get`, `env:`, `$VAR` in commands and conditions, plugin configuration.
import type { Json, NormalizedPlugin } from '../pipeline/types.js';
import { allSteps, stepName, type LoadedFile } from './definitions.js';
import type { Reference } from './model.js';

type Path = Array<string | number>;

/** Every use of the Buildkite secret `key` in one loaded file. */
export function secretReferences(file: LoadedFile, key: string): Reference[] {
  const refs: Reference[] = [];
  const add = (path: Path, kind: string, detail: string, evidence?: string): void => {
    refs.push({ file: file.name, line: file.loaded.locate(path, evidence).line, kind, detail });
  };
  const { pipeline } = file.loaded;
  for (const [env, secret] of Object.entries(pipeline.secrets)) {
    if (secret === key) add(['secrets', env], 'secrets', `build secrets: ${key}${env === key ? '' : ` as $${env}`} (every step)`);
  }
  for (const s of allSteps(pipeline.steps)) {
    for (const [env, secret] of Object.entries(s.step.secrets)) {
      if (secret === key) add([...s.path, 'secrets', env], 'secrets', `${stepName(s)}: secrets ${key}${env === key ? '' : ` as $${env}`}`);
    }
    s.step.commands.forEach((command, i) => {
      if (secretGetKeys(command).includes(key)) add([...s.path, 'commands', i], 'secret get', `${stepName(s)}: ${oneLine(command)}`, key);
    });
    s.step.plugins.forEach((plugin, i) => {
      const mention = mentions(plugin.config, wordPattern(key));
      if (mention !== undefined) add([...s.path, 'plugins', i], 'plugin', `${stepName(s)}: plugin ${plugin.name} ${mention}`);
    });
  }
  return byLine(refs);
}

/** Every place one loaded file sets or reads the environment variable `name`. */
export function envReferences(file: LoadedFile, name: string): Reference[] {
  const refs: Reference[] = [];
  const add = (path: Path, kind: string, detail: string, evidence?: string): void => {
    refs.push({ file: file.name, line: file.loaded.locate(path, evidence).line, kind, detail });
  };
  const { pipeline } = file.loaded;
  if (Object.hasOwn(pipeline.env, name)) add(['env', name], 'env', `build env sets ${name} (every step)`);
  if (Object.hasOwn(pipeline.secrets, name)) add(['secrets', name], 'secrets', `build secrets set ${name} from secret ${pipeline.secrets[name] as string} (every step)`);
  const reads = readsPattern(name);
  for (const s of allSteps(pipeline.steps)) {
    if (Object.hasOwn(s.step.env, name)) add([...s.path, 'env', name], 'env', `${stepName(s)}: env sets ${name}`);
    if (Object.hasOwn(s.step.secrets, name)) add([...s.path, 'secrets', name], 'secrets', `${stepName(s)}: secrets set ${name} from secret ${s.step.secrets[name] as string}`);
    s.step.commands.forEach((command, i) => {
      if (reads.test(command)) add([...s.path, 'commands', i], 'command', `${stepName(s)}: ${oneLine(command)}`, name);
    });
    if (s.step.if !== null && (reads.test(s.step.if) || envCall(name).test(s.step.if))) add([...s.path, 'if'], 'if', `${stepName(s)}: if ${oneLine(s.step.if)}`);
    s.step.plugins.forEach((plugin, i) => {
      const use = pluginEnvUse(plugin, name, reads);
      if (use !== undefined) add([...s.path, 'plugins', i], 'plugin', `${stepName(s)}: plugin ${plugin.name} ${use}`);
    });
  }
  return byLine(refs);
}

/** Secret keys named by `buildkite-agent secret get` in one command line. */
export function secretGetKeys(command: string): string[] {
  const keys: string[] = [];
  for (const m of command.matchAll(/buildkite-agent\s+secret\s+get\b([^;&|)`\n]*)/g)) {
    const args = (m[1] ?? '').trim().split(/\s+/).map((a) => a.replace(/^["']|["']$/g, ''));
    keys.push(...args.filter((a) => a !== '' && !a.startsWith('-')));
  }
  return keys;
}

// How a plugin passes or reads the variable: `environment`/`env` lists and maps, or `$NAME` in any value.
function pluginEnvUse(plugin: NormalizedPlugin, name: string, reads: RegExp): string | undefined {
  const config = plugin.config;
  if (config !== null && typeof config === 'object' && !Array.isArray(config)) {
    for (const field of ['environment', 'env']) {
      const value = config[field];
      const listed = Array.isArray(value)
        ? value.some((v) => typeof v === 'string' && (v === name || v.startsWith(`${name}=`)))
        : value !== null && typeof value === 'object' && value !== undefined && Object.hasOwn(value, name);
      if (listed) return `passes ${name} (${field})`;
    }
  }
  const mention = mentions(config, reads);
  return mention === undefined ? undefined : `reads $${name} ${mention.replace(/^mentions it /, '')}`;
}

// The first key or string of a plugin configuration that matches, described; undefined when none does.
function mentions(value: Json, pattern: RegExp, at = ''): string | undefined {
  if (typeof value === 'string') return pattern.test(value) ? `mentions it ${at ? `in ${at}` : 'in its configuration'}` : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  const entries: Array<[string, Json]> = Array.isArray(value) ? value.map((v, i) => [`${at}[${i}]`, v]) : Object.entries(value).map(([k, v]) => [at ? `${at}.${k}` : k, v]);
  for (const [where, child] of entries) {
    const key = where.split('.').pop() ?? '';
    if (!Array.isArray(value) && pattern.test(key)) return `mentions it in ${where}`;
    const found = mentions(child, pattern, where);
    if (found !== undefined) return found;
  }
  return undefined;
}

// References in the order they are written.
function byLine(refs: Reference[]): Reference[] {
  return refs.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function wordPattern(word: string): RegExp {
  return new RegExp(`(^|[^A-Za-z0-9_])${escape(word)}($|[^A-Za-z0-9_])`);
}

// `$NAME` or `${NAME…}` (with `:-`, `?` and other modifiers).
function readsPattern(name: string): RegExp {
  return new RegExp(`\\$(${escape(name)}(?![A-Za-z0-9_])|\\{${escape(name)}(?=[}:?=+#%/^,-]))`);
}

function envCall(name: string): RegExp {
  return new RegExp(`env\\(\\s*["']${escape(name)}["']\\s*\\)`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
