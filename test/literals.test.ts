// The literal table of a pipeline input: which hints occur nowhere in it (src/engine/literals.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ABSENT_LITERALS_KEY, ASCII_BY_CASE_PATTERN, LiteralTable } from '../src/engine/literals.js';

const table = new LiteralTable(['trivy', 'osv-scanner', 'aws_', 'image=', 'snyk scan', 'gs://', 'docker']);
const annotate = (value: unknown) => {
  const out = table.annotate(new TextEncoder().encode(JSON.stringify(value)));
  return JSON.parse(new TextDecoder().decode(out)) as Record<string, unknown>;
};
const absent = (value: unknown) => Object.keys((annotate(value)[ABSENT_LITERALS_KEY] ?? {}) as object).sort();

describe('literal table', () => {
  it('lists the hints that occur in no string or key, read in lower case', () => {
    expect(absent({ pipeline: { steps: [{ commands: ['Run TRIVY fs .'] }] } })).toEqual(['aws_', 'docker', 'gs://', 'osv-scanner']);
    expect(absent({ pipeline: { env: { DOCKER_HOST: 'x' } }, context: {} })).toEqual(['aws_', 'gs://', 'osv-scanner', 'trivy']);
  });

  it('reads `-` and `.` as `_` for hints on names, as the policies normalize them', () => {
    expect(absent({ pipeline: { env: { 'AWS-KEY': 'x' } } })).not.toContain('aws_');
    expect(absent({ pipeline: { env: { 'aws.key': 'x' } } })).not.toContain('aws_');
  });

  it('never lists hints that span a space or `=`, which rules use to join strings', () => {
    expect(absent({ pipeline: {} })).toEqual(['aws_', 'docker', 'gs://', 'osv-scanner', 'trivy']);
  });

  it('adds the table to an empty object without a stray comma', () => {
    expect(annotate({})).toEqual({ [ABSENT_LITERALS_KEY]: { trivy: true, 'osv-scanner': true, aws_: true, 'gs://': true, docker: true } });
  });

  it.each([
    ['searched hint by hint', Infinity],
    ['read by the automaton', 0],
  ])('leaves inputs it cannot read safely unchanged (%s)', (_how, automatonFrom) => {
    const same = (text: string) => {
      const bytes = new TextEncoder().encode(text);
      expect(table.annotate(bytes, automatonFrom)).toBe(bytes);
    };
    same('{"pipeline":{"command":"\\u0074rivy"}}');
    same('{"pipeline":{"url":"gs:\\/\\/bucket"}}');
    same('{"pipeline":{"command":"\u212Aics"}}');
    same('[1, 2]');
    same('');
  });

  it('keeps other non-ASCII text', () => {
    expect(absent({ pipeline: { label: 'Déploiement trivy ✓' } })).toEqual(['aws_', 'docker', 'gs://', 'osv-scanner']);
    // A hint does not match across a character that is not ASCII.
    expect(absent({ pipeline: { label: 'doc\u00e9ker' } })).toContain('docker');
  });

  it('knows every character whose case mapping holds ASCII', () => {
    const missing: string[] = [];
    for (let c = 0x80; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const s = String.fromCodePoint(c);
      const mapped = s.toLowerCase() + s.toUpperCase() + s.toUpperCase().toLowerCase() + s.toLowerCase().toUpperCase();
      if (/[\x00-\x7f]/.test(mapped) && !ASCII_BY_CASE_PATTERN.test(s)) missing.push(c.toString(16));
    }
    expect(missing).toEqual([]);
  });
});

describe('literal table against a plain reading', () => {
  // Hints over a small alphabet, so they overlap, nest and share prefixes and suffixes.
  const alphabet = ['a', 'b', '_', '-', '.', 'A', 'é'];
  const word = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 5 }).map((cs) => cs.join(''));
  it.each([
    ['searched hint by hint', Infinity],
    ['read by the automaton', 0],
    ['searched, then read by the automaton once the table has read 60 bytes', 60],
  ])('lists exactly the hints found in no string or key, read in lower case and with `-` and `.` as `_` (%s)', (_how, automatonFrom) => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 12 }), fc.array(fc.array(word, { maxLength: 8 }), { minLength: 1, maxLength: 4 }), (hints, inputs) => {
        const t = new LiteralTable(hints);
        for (const texts of inputs) {
          const input = { pipeline: { commands: texts } };
          const out = JSON.parse(new TextDecoder().decode(t.annotate(new TextEncoder().encode(JSON.stringify(input)), automatonFrom))) as Record<string, unknown>;
          const plain = JSON.stringify(input).toLowerCase();
          const names = plain.replace(/[-.]/g, '_');
          const kept = hints.filter((h) => /^[\x21-\x7e]+$/.test(h) && !/[A-Z]/.test(h));
          const expected = kept.filter((h) => !plain.includes(h) && !names.includes(h)).sort();
          expect(Object.keys((out[ABSENT_LITERALS_KEY] ?? {}) as object).sort()).toEqual(expected);
        }
      }),
    );
  });
});
