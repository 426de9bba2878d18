// go-yaml (which `buildkite-agent pipeline upload` uses) does not check how far the continuation lines of a
// quoted scalar or a flow collection are indented; js-yaml does ("deficient indentation"). Leading spaces on
// such a line are never part of the value (YAML folds them away), so indenting the line further reads the
// same value go-yaml reads. This module re-parses with the offending lines indented, and remembers by how much
// so that positions still point at the original columns.

import { YAMLException, parseEvents } from 'js-yaml';

/** A source text whose continuation lines may have been indented further than written. */
export interface IndentedSource {
  /** The text that parsed (equal to the input when nothing needed indenting). */
  text: string;
  /** Spaces added at the start of each 0-based line that needed them. */
  added: Map<number, number>;
  /** The parser's event stream for `text`. */
  events: ReturnType<typeof parseEvents>;
}

/** How many re-parses one file may cost before its first error is reported as it is. */
const MAX_ATTEMPTS = 200;

/** Parses YAML events as go-yaml reads indentation inside quoted scalars and flow collections. */
export function parseWithFlowIndent(source: string, options: Parameters<typeof parseEvents>[1]): IndentedSource {
  let text = source;
  const added = new Map<number, number>();
  let first: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      return { text, added, events: parseEvents(text, options) };
    } catch (err) {
      first ??= err;
      const line = deficientLine(err);
      if (line === undefined || attempt >= MAX_ATTEMPTS) throw first;
      const before = added.get(line) ?? 0;
      const pad = before === 0 ? firstPad(text, line) : before * 2;
      if (pad > 256) throw first;
      text = indentLine(text, line, pad - before);
      added.set(line, pad);
    }
  }
}

/** The 0-based line js-yaml found under-indented inside a flow scalar or collection, if that was the error. */
function deficientLine(err: unknown): number | undefined {
  if (!(err instanceof YAMLException) || !/deficient indentation/.test(err.reason)) return undefined;
  return err.mark?.line;
}

/** A first guess at the spaces a line needs: two more than the nearest non-blank line above it has. */
function firstPad(text: string, line: number): number {
  const lines = text.split('\n', line + 1);
  const own = indentOf(lines[line] ?? '');
  for (let l = line - 1; l >= 0; l--) {
    const above = lines[l] ?? '';
    if (above.trim() !== '') return Math.max(1, indentOf(above) + 2 - own);
  }
  return 1;
}

/** The count of leading spaces of one line. */
function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Inserts `count` spaces at the start of a 0-based line. */
function indentLine(text: string, line: number, count: number): string {
  let at = 0;
  for (let l = 0; l < line; l++) {
    const next = text.indexOf('\n', at);
    if (next === -1) return text;
    at = next + 1;
  }
  return text.slice(0, at) + ' '.repeat(count) + text.slice(at);
}
