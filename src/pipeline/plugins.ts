// Plugins: the list, list-of-maps and legacy map forms, `name#ref` splitting, and
// canonical sources (`docker` → github.com/buildkite-plugins/docker-buildkite-plugin).

import type { PosNode } from '../yaml/positions.js';
import { toJson } from './json.js';
import { describe, entryLoc, entryOf, isMap, itemOf, kids, nodeLoc } from './source.js';
import type { Ctx, LocNode } from './source.js';
import type { NormalizedPlugin } from './types.js';

const EXPECTED = 'expected a plugin: a string such as docker#v5.12.0, or a mapping from the plugin to its configuration';

/** Normalizes a step's `plugins:` value; `locs[i]` points at plugin i's key or string. */
export function normalizePlugins(value: unknown, pos: PosNode, ctx: Ctx): { plugins: NormalizedPlugin[]; locs: LocNode[] } {
  const plugins: NormalizedPlugin[] = [];
  const locs: LocNode[] = [];
  const fromMap = (map: Record<string, unknown>, mapPos: PosNode | undefined): void => {
    for (const [ref, config] of Object.entries(map)) {
      const entry = entryOf(mapPos, ref);
      const keyLoc: LocNode = entry ? { at: entry.at, text: entry.text } : { at: mapPos?.at ?? pos.at, text: null };
      plugins.push(parsePlugin(ref, toJson(config)));
      locs.push(pluginLoc(keyLoc, entry ? entryLoc(entry) : keyLoc));
    }
  };
  if (value === null || value === undefined) return { plugins, locs };
  if (isMap(value)) fromMap(value, pos);
  else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const itemPos = itemOf(pos, i);
      if (typeof item === 'string') {
        const loc = itemPos ? nodeLoc(itemPos) : { at: pos.at, text: null };
        plugins.push(parsePlugin(item, null));
        locs.push(pluginLoc(loc, { at: loc.at, text: null }));
      } else if (isMap(item)) fromMap(item, itemPos);
      else ctx.fail(itemPos?.at ?? pos.at, `${EXPECTED}, got ${describe(item)}`);
    });
  } else ctx.fail(pos.at, `expected plugins to be a list of plugins, got ${describe(value)}`);
  return { plugins, locs };
}

/** Every field of a plugin points at its key; `config` continues into the configuration. */
function pluginLoc(key: LocNode, config: LocNode): LocNode {
  const self: LocNode = { at: key.at, text: key.text };
  self.kids = kids([
    ['name', self],
    ['ref', self],
    ['source', self],
    ['dynamic', self],
    ['config', config],
  ]);
  return self;
}

/** Splits `name#ref`, resolves the canonical source and flags run-time (dynamic) references. */
export function parsePlugin(reference: string, config: NormalizedPlugin['config']): NormalizedPlugin {
  const { name, ref } = splitRef(reference.trim());
  const local = isLocal(name);
  const variable = name.includes('$');
  const dynamic = local || variable || (ref?.includes('$') ?? false);
  return { name, ref, source: local || variable ? name : canonicalSource(name), dynamic, config };
}

/** Splits on the last `#` outside `${…}` interpolation; an empty ref counts as none. */
export function splitRef(reference: string): { name: string; ref: string | null } {
  let depth = 0;
  let cut = -1;
  for (let i = 0; i < reference.length; i++) {
    const c = reference[i];
    if (c === '$' && reference[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}' && depth > 0) depth--;
    else if (c === '#' && depth === 0) cut = i;
  }
  if (cut < 0) return { name: reference, ref: null };
  const ref = reference.slice(cut + 1);
  return { name: reference.slice(0, cut), ref: ref === '' ? null : ref };
}

/** Local plugins: relative or absolute paths, `~`, Windows paths and `file://` URLs. */
function isLocal(name: string): boolean {
  return /^(?:\.|\/|\\|~|file:\/\/|[A-Za-z]:[\\/])/i.test(name);
}

/** Canonical source: `github.com/<owner>/<repo>` for shorthands; URLs without scheme, user and `.git`. */
export function canonicalSource(name: string): string {
  const url = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^@/]*@)?(.*)$/.exec(name);
  if (url) return stripGit(url[1] ?? '');
  const scp = /^[^@/:\s]+@([^:/\s]+):(.*)$/.exec(name);
  if (scp) return stripGit(`${scp[1] ?? ''}/${(scp[2] ?? '').replace(/^\/+/, '')}`);
  const parts = name.replace(/^\/+/, '').split('/');
  if (parts.length === 1) return `github.com/buildkite-plugins/${suffixed(parts[0] ?? '')}`;
  if (parts.length === 2) return `github.com/${parts[0] ?? ''}/${suffixed(parts[1] ?? '')}`;
  return stripGit(name);
}

function suffixed(repo: string): string {
  const bare = repo.replace(/\.git$/, '');
  return bare.endsWith('-buildkite-plugin') ? bare : `${bare}-buildkite-plugin`;
}

function stripGit(path: string): string {
  return path.replace(/\/+$/, '').replace(/\.git$/, '');
}
