// Source-mapped YAML: positions of keys and items through anchors, aliases and merge keys;
// multi-document streams; error messages at file:line:col; limits against hostile input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, test } from 'vitest';
import { InputError } from '../src/errors.js';
import { LineIndex, loadYaml, locate } from '../src/yaml/index.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/yaml');

function at(text: string, path: Array<string | number>, doc = 0): string {
  const loaded = loadYaml(text, 't.yml');
  const node = loaded.documents[doc]?.node;
  if (node === undefined) throw new Error('no document');
  const p = locate(loaded, node, path);
  return `${p.line}:${p.column}`;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected an InputError');
}

const PLAIN = [
  'a: 1',
  'b:',
  '  c: "quoted"',
  "  'd': [x, {y: 2}]",
  'list:',
  '  - one',
  '  - |',
  '    block',
  '  -',
  '  - &anc k: v',
  '  - !!str 7',
  '',
].join('\n');

describe('positions', () => {
  test.each([
    [[], '1:1'],
    [['a'], '1:1'],
    [['b'], '2:1'],
    [['b', 'c'], '3:3'],
    [['b', 'd'], '4:3'],
    [['b', 'd', 0], '4:9'],
    [['b', 'd', 1], '4:12'],
    [['b', 'd', 1, 'y'], '4:13'],
    [['list', 0], '6:5'],
    [['list', 1], '7:5'],
    [['list', 2], '9:3'],
    [['list', 3], '10:5'],
    // `- &anc k: v`: the anchor belongs to the key, so the key starts at the `&`
    [['list', 3, 'k'], '10:5'],
    [['list', 4], '11:5'],
    [['list', '1'], '7:5'],
  ] as Array<[Array<string | number>, string]>)('%j → %s', (path, want) => {
    expect(at(PLAIN, path)).toBe(want);
  });

  test.each([
    [['b', 'nope'], '2:1'],
    [['b', 'c', 'deeper'], '3:3'],
    [['list', 99], '5:1'],
    [['missing', 'x'], '1:1'],
  ] as Array<[Array<string | number>, string]>)('unknown tail %j → nearest ancestor %s', (path, want) => {
    expect(at(PLAIN, path)).toBe(want);
  });

  it('counts columns in characters, not UTF-16 units', () => {
    expect(at('{x: 😀😀, y: 1}', ['y'])).toBe('1:9');
  });

  it('handles CRLF line ends and a byte-order mark', () => {
    expect(at('\uFEFFa: 1\r\nb:\r\n  c: 2\r\n', ['b', 'c'])).toBe('3:3');
    expect(at('\uFEFFa: 1\r\n', ['a'])).toBe('1:1');
  });
});

describe('anchors, aliases and merge keys', () => {
  const text = readFileSync(join(FIXTURES, 'anchors.yml'), 'utf8');

  // Anchored content reached through an alias is at the alias: each use is its own place.
  test.each([
    [['steps', 0, 'label'], '8:5'],
    [['steps', 0, 'agents', 'queue'], '9:9'],
    [['steps', 0, 'timeout_in_minutes'], '10:5'],
    [['steps', 1, 'retry'], '12:10'],
    [['steps', 1, 'agents'], '12:17'],
    [['steps', 1, 'timeout_in_minutes'], '12:17'],
    [['steps', 1, 'command'], '13:5'],
    [['steps', 2], '14:5'],
    [['steps', 2, 'retry'], '14:5'],
    [['steps', 3], '15:5'],
    [['steps', 3, 'label'], '16:5'],
    [['steps', 3, 'command', 0], '18:9'],
    [['steps', 3, 'command', 1], '21:7'],
    [['steps', 3, 'command', 2], '22:9'],
  ] as Array<[Array<string | number>, string]>)('%j → %s', (path, want) => {
    expect(at(text, path)).toBe(want);
  });

  it('places the anchored node itself, and a nested alias used through an outer one, at the outermost use', () => {
    const nested = 'a: &a\n  x: 1\nb: &b\n  inner: *a\nc: *b\nd: [*a, *b]\n';
    expect(at(nested, ['a', 'x'])).toBe('2:3');
    expect(at(nested, ['b', 'inner', 'x'])).toBe('4:10');
    expect(at(nested, ['c', 'inner', 'x'])).toBe('5:4');
    expect(at(nested, ['d', 1, 'inner'])).toBe('6:9');
    expect(at('a: &l [{x: 1}]\nb:\n  <<: *l\n', ['b', 'x'])).toBe('3:7');
  });

  it('builds the same values as js-yaml: local keys win, earlier merge sources win', () => {
    const steps = (loadYaml(text, 'a.yml').documents[0]?.value as { steps: unknown[] }).steps;
    expect(steps[0]).toEqual({ label: 'first', agents: { queue: 'build' }, timeout_in_minutes: 5 });
    expect(steps[1]).toEqual({ label: 'second', retry: 2, agents: { queue: 'build' }, timeout_in_minutes: 10, command: 'make' });
    expect(steps[2]).toEqual({ retry: 2 });
  });
});

describe('multi-document streams', () => {
  const text = 'steps:\n  - wait\n---\n# second\nsteps:\n  - block\n---\n';

  it('returns one value and one position tree per document', () => {
    const loaded = loadYaml(text, 'm.yml');
    expect(loaded.documents.map((d) => d.value)).toEqual([{ steps: ['wait'] }, { steps: ['block'] }, null]);
  });

  it('keeps positions right in each document', () => {
    expect(at(text, ['steps', 0], 0)).toBe('2:5');
    expect(at(text, ['steps', 0], 1)).toBe('6:5');
  });

  it('keeps anchors to their own document', () => {
    expect(errorOf(() => loadYaml('a: &x 1\n---\nb: *x\n', 'm.yml'))).toBe(
      'm.yml:3:5: unidentified alias "x"; expected an anchor (`&name`) defined before the alias',
    );
  });
});

describe('read as Buildkite reads it (go-yaml)', () => {
  const value = (text: string): unknown => loadYaml(text, 'g.yml').documents[0]?.value;

  it('accepts a quoted scalar whose closing quote sits at column 0', () => {
    const text = "steps:\n- commands:\n  - 'make rtl;\n     grep x;\n'\n- wait: ~\n";
    expect(value(text)).toEqual({ steps: [{ commands: ['make rtl; grep x; '] }, { wait: null }] });
  });

  it('accepts under-indented continuation lines of double-quoted scalars and flow collections', () => {
    expect(value('steps:\n  - command: "echo\n  hi"\n')).toEqual({ steps: [{ command: 'echo hi' }] });
    expect(value('a:\n  b: [1,\n2]\n')).toEqual({ a: { b: [1, 2] } });
  });

  it('keeps the written columns on lines it had to indent', () => {
    const text = "steps:\n- commands:\n  - 'a;\nb'\n  label: x\n";
    expect(at(text, ['steps', 0, 'label'])).toBe('5:3');
    const loaded = loadYaml(text, 't.yml');
    expect(loaded.lines.at(loaded.text.indexOf("b'"))).toEqual({ line: 4, column: 1 });
  });

  it('lets a repeated key replace the earlier one when asked to, as Buildkite does', () => {
    const text = 'steps:\n  - command: a\n    command: b\n';
    const loaded = loadYaml(text, 't.yml', {}, { repeatedKeysReplace: true });
    expect(loaded.documents[0]?.value).toEqual({ steps: [{ command: 'b' }] });
    expect(locate(loaded, loaded.documents[0]!.node, ['steps', 0, 'command'])).toEqual({ line: 3, column: 5 });
  });
});

describe('errors', () => {
  test.each([
    [
      'bad indentation',
      'steps:\n  - command: a\n   label: b\n',
      'e.yml:3:4: bad indentation of a sequence entry; expected list items (`- `) to line up with the items before them',
    ],
    [
      'bad mapping indentation',
      'env:\n  A: 1\n B: 2\n',
      'e.yml:3:2: bad indentation of a mapping entry; expected keys to line up with the keys before them, and a space after each `:`',
    ],
    ['tab', 'steps:\n\t- command: a\n', 'e.yml:2:1: tab characters must not be used in indentation; expected indentation with spaces (YAML does not allow tabs)'],
    ['unclosed quote in a list', 'steps:\n  - label: "abc\n  - command: x\n', 'e.yml:2:12: unclosed double-quoted string; expected a closing `"`'],
    ['unclosed single quote', "steps:\n  - label: 'it''s\n    command: x\n", "e.yml:2:12: unclosed single-quoted string; expected a closing `'`"],
    ['duplicate key', 'steps:\n  - command: a\n    command: b\n', 'e.yml:3:5: duplicated mapping key; expected each key to appear once in a mapping'],
    ['unclosed quote at the end', 'label: "abc', 'e.yml:1:12: unexpected end of the stream within a double quoted scalar; expected a closing `"`'],
    ['unknown alias', 'a: *nope\n', 'e.yml:1:5: unidentified alias "nope"; expected an anchor (`&name`) defined before the alias'],
    [
      'recursive alias',
      'a: &x [ *x ]\n',
      'e.yml:1:10: recursive alias "x" refers to a node that contains it; expected an alias to a node that is complete before the alias',
    ],
    ['unknown tag', 'a: !vault secret\n', 'e.yml:1:4: unknown scalar tag !<!vault>; expected no tag, or a standard one such as !!str'],
    [
      'content after a list',
      'a: 1\n- b\n',
      'e.yml:2:1: end of the stream or a document separator is expected; expected an entry that lines up with the ones before it, or `---` before a new document',
    ],
    ['too deep', '['.repeat(120) + ']'.repeat(120), 'e.yml:1:100: nesting exceeded maxDepth (100); expected less deeply nested data'],
  ])('%s', (_name, text, message) => {
    expect(errorOf(() => loadYaml(text, 'e.yml'))).toBe(message);
  });

  it('never leaks a stack trace or a snippet into the message', () => {
    const message = errorOf(() => loadYaml('a: [1, 2\n', 'e.yml'));
    expect(message).not.toMatch(/\n|\bat \w+ \(/);
  });
});

describe('limits', () => {
  const laughs = (levels: number): string => {
    const names = 'abcdefghij';
    const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < levels; i++) {
      const prev = names[i - 1];
      lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    return lines.join('\n') + '\n';
  };

  it('rejects a billion-laughs alias bomb (9 levels) at the node that crosses the limit', () => {
    expect(errorOf(() => loadYaml(laughs(9), 'bomb.yml'))).toBe('bomb.yml:7:4: too many nodes after expanding aliases (limit 1000000)');
  });

  it('accepts the same shape when it stays under the limit', () => {
    expect(loadYaml(laughs(4), 'ok.yml').documents).toHaveLength(1);
  });

  it('rejects input larger than the byte limit before parsing', () => {
    const big = 'a: "' + 'x'.repeat(5 * 1024 * 1024) + '"\n';
    expect(errorOf(() => loadYaml(big, 'big.yml'))).toBe(`big.yml: file is ${big.length} bytes, more than the limit of 5242880 bytes`);
  });

  test.each([
    ['maxAliases', { maxAliases: 2 }, 'a: &a 1\nb: [*a, *a, *a]\n', 'l.yml:2:14: aliases exceeded maxAliases (2); expected fewer aliases'],
    [
      'maxTotalMergeKeys',
      { maxTotalMergeKeys: 4 },
      'x: &x {a: 1, b: 2, c: 3}\ny: {<<: *x}\nz: {<<: *x}\n',
      'l.yml:3:5: merge keys exceeded maxTotalMergeKeys (4); expected fewer `<<` merge keys',
    ],
    ['maxDepth', { maxDepth: 3 }, 'a:\n  b:\n    c:\n      d: 1\n', 'l.yml:3:5: nesting exceeded maxDepth (3); expected less deeply nested data'],
    ['maxNodes', { maxNodes: 5 }, 'a: [1, 2, 3, 4, 5]\n', 'l.yml:1:4: too many nodes after expanding aliases (limit 5)'],
  ])('%s', (_name, limits, text, message) => {
    expect(errorOf(() => loadYaml(text, 'l.yml', limits))).toBe(message);
  });
});

describe('LineIndex', () => {
  test.each([
    [0, '1:1'],
    [3, '1:4'],
    [4, '2:1'],
    [6, '3:1'],
    [8, '3:3'],
    [9, '4:1'],
    [99, '4:1'],
  ])('offset %i → %s', (offset, want) => {
    const p = new LineIndex('abc\nd\re\r\n').at(offset);
    expect(`${p.line}:${p.column}`).toBe(want);
  });
});
