// Turns js-yaml's exceptions into InputErrors a user can act on: file:line:col, the
// parser's reason, and what was expected there. Never a stack trace.

import { YAMLException } from 'js-yaml';
import { InputError } from '../errors.js';
import type { LineIndex } from './lines.js';

/** What to write instead, keyed by a pattern of js-yaml's reason. */
const EXPECTED: Array<[RegExp, string]> = [
  [/tab characters/, 'indentation with spaces (YAML does not allow tabs)'],
  [/bad indentation of a sequence entry/, 'list items (`- `) to line up with the items before them'],
  [/bad indentation of a mapping entry/, 'keys to line up with the keys before them, and a space after each `:`'],
  [/deficient indentation/, 'more indentation, or a closing bracket or quote before this line'],
  [/duplicated mapping key/, 'each key to appear once in a mapping'],
  [/end of the stream or a document separator/, 'an entry that lines up with the ones before it, or `---` before a new document'],
  [/within a double quoted scalar/, 'a closing `"`'],
  [/within a single quoted scalar/, "a closing `'`"],
  [/unidentified alias/, 'an anchor (`&name`) defined before the alias'],
  [/recursive alias/, 'an alias to a node that is complete before the alias'],
  [/unknown .*tag/, 'no tag, or a standard one such as !!str'],
  [/maxDepth/, 'less deeply nested data'],
  [/maxAliases/, 'fewer aliases'],
  [/maxTotalMergeKeys/, 'fewer `<<` merge keys'],
  [/cannot merge mappings/, '`<<:` followed by an alias to a mapping, or a list of them'],
  [/complex keys/, 'plain string keys'],
];

/** Converts an error thrown while parsing YAML into an InputError at its file:line:col. */
export function yamlError(err: unknown, file: string, text: string, lines: LineIndex): InputError {
  if (err instanceof InputError) return err;
  if (!(err instanceof YAMLException)) {
    const message = err instanceof Error ? err.message : String(err);
    return new InputError(`cannot read YAML: ${message}`, { file });
  }
  const offset = err.mark?.position ?? 0;
  const quote = /deficient indentation/.test(err.reason) ? unclosedQuote(text, offset, lines) : undefined;
  if (quote !== undefined) {
    const kind = text[quote] === '"' ? 'double' : 'single';
    return new InputError(`unclosed ${kind}-quoted string; expected a closing \`${text[quote]}\``, { file, ...lines.at(quote) });
  }
  const bracket = /deficient indentation|end of the stream|missed comma|flow collection/.test(err.reason) ? unclosedBracket(text, offset) : undefined;
  if (bracket !== undefined) {
    const [kind, close] = text[bracket] === '[' ? ['sequence', ']'] : ['mapping', '}'];
    return new InputError(`unclosed flow ${kind}; expected a closing \`${close}\``, { file, ...lines.at(bracket) });
  }
  const expected = EXPECTED.find(([re]) => re.test(err.reason))?.[1];
  const message = expected === undefined ? err.reason : `${err.reason}; expected ${expected}`;
  return new InputError(message, { file, ...lines.at(offset) });
}

/** Where a quoted string opens that nothing up to `offset` closes (the usual cause of "deficient indentation"). */
function unclosedQuote(text: string, offset: number, lines: LineIndex): number | undefined {
  const last = lines.lineOf(offset);
  for (let line = last; line >= Math.max(0, last - 50); line--) {
    const start = lines.lineStart(line);
    const content = text.slice(start, line === last ? offset : lines.lineStart(line + 1));
    const re = /(?:^\s*(?:-\s+)*|:\s+|[[{,]\s*)(["'])/g;
    for (let m = re.exec(content); m !== null; m = re.exec(content)) {
      const open = start + m.index + m[0].length - 1;
      const close = closingQuote(text, open + 1, offset, text[open] ?? '"');
      if (close === undefined) return open;
      if (close >= start + content.length) break;
      re.lastIndex = close - start + 1;
    }
  }
  return undefined;
}

function closingQuote(text: string, from: number, to: number, q: string): number | undefined {
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (q === '"' && c === '\\') i++;
    else if (c === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return undefined;
}

/** Where a flow collection (`[` or `{`) opens that nothing up to `offset` closes, skipping quotes and comments. */
function unclosedBracket(text: string, offset: number): number | undefined {
  const open: number[] = [];
  let valueStart = true;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\n') {
      if (open.length === 0) valueStart = true;
      continue;
    }
    if ((c === '"' || c === "'") && (valueStart || open.length > 0)) {
      const close = closingQuote(text, i + 1, offset, c);
      if (close === undefined) return undefined;
      i = close;
      valueStart = false;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if ((c === '[' || c === '{') && (valueStart || open.length > 0)) {
      open.push(i);
      valueStart = true;
    } else if ((c === ']' || c === '}') && open.length > 0) {
      open.pop();
      valueStart = false;
    } else if (c === ':' || c === '-' || c === ',' || c === '?') {
      valueStart = /\s/.test(text[i + 1] ?? ' ') || c === ',';
    } else if (!/\s/.test(c)) {
      valueStart = false;
    }
  }
  return open[0];
}
