// Entries a snapshot lists twice (a repository, a pipeline, a team): an input error naming both places, since
// evaluating both would count every finding twice.
import { InputError } from '../errors.js';
import { LineIndex } from '../yaml/lines.js';
import { locateJsonPointer } from './json-locate.js';
import type { Snapshot } from './types.js';

/** The lists whose entries must be unique, with the field that names an entry. */
const UNIQUE: Array<{ pointer: string; list: (s: Snapshot) => unknown; key: string }> = [
  { pointer: '/github/repositories/data', list: (s) => s.github?.repositories, key: 'full_name' },
  { pointer: '/buildkite/pipelines/data', list: (s) => s.buildkite?.pipelines, key: 'slug' },
  { pointer: '/buildkite/teams/data', list: (s) => s.buildkite?.teams, key: 'slug' },
];

/** Throws InputError when an entry appears twice in one list, naming both (with lines when `text` is given). */
export function checkDuplicates(snapshot: Snapshot, file: string, text?: string): void {
  // Lines are indexed only when there is a duplicate to place.
  let index: LineIndex | undefined;
  const linesOf = (): LineIndex | undefined => (text === undefined ? undefined : (index ??= new LineIndex(text)));
  const where = (pointer: string): string => {
    const offset = text === undefined ? undefined : locateJsonPointer(text, pointer);
    const lines = linesOf();
    if (offset === undefined || !lines) return pointer;
    const at = lines.at(offset);
    return `${pointer} (line ${at.line})`;
  };
  for (const { pointer, list, key } of UNIQUE) {
    const section = list(snapshot) as { status?: string; data?: unknown } | undefined;
    if (section?.status !== 'ok' || !Array.isArray(section.data)) continue;
    const seen = new Map<string, number>();
    section.data.forEach((entry: unknown, i: number) => {
      const name = (entry as Record<string, unknown> | null)?.[key];
      if (typeof name !== 'string') return;
      const first = seen.get(name);
      if (first === undefined) return void seen.set(name, i);
      const lines = linesOf();
      const position = lines && text !== undefined ? lines.at(locateJsonPointer(text, `${pointer}/${i}`) ?? 0) : {};
      throw new InputError(`${JSON.stringify(name)} is listed twice, at ${where(`${pointer}/${first}`)} and ${where(`${pointer}/${i}`)}; each ${key} must appear once`, { file, ...position });
    });
  }
}
