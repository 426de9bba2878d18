// Property tests over the readers of untrusted input: any text given to the pipeline YAML reader, the config reader
// or the snapshot reader ends in a result or an InputError at a position inside the input, never another exception.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { loadCatalog } from '../src/engine/catalog.js';
import { InputError } from '../src/errors.js';
import { loadPipeline } from '../src/pipeline/load.js';
import { parseSnapshot } from '../src/snapshot/io.js';

const CATALOG = loadCatalog();

// YAML-ish text: fragments that exercise indentation, flow collections, quotes, anchors, tags and Buildkite keys.
const FRAGMENTS = ['steps:', '\n', '  ', '- ', 'command: ', 'label: ', '"', "'", '[', ']', '{', '}', ',', ': ', '&a ', '*a', '<<: ', '!!str ', '|', '>', '#', 'plugins:', 'docker#v1:', 'env:', 'agents:', 'queue: x', 'wait', 'block: ok', 'if: build.branch == "main"', '\t', 'rules:', 'waivers:', 'pipeline/step_timeout_missing:', 'max_minutes: ', '.nan', '~', 'true', '12', 'name_patterns: ', '(x', 'path: ', 'expires: 2030-01-01'];
const yamlish = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })), { maxLength: 40 }).map((parts) => parts.join(''));

function ok(run: () => unknown, text: string): void {
  try {
    run();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const lines = text.split('\n').length;
    const line = err.position?.line;
    if (line !== undefined) {
      expect(line).toBeGreaterThanOrEqual(1);
      expect(line).toBeLessThanOrEqual(lines + 1);
    }
    expect(err.message).not.toMatch(/\n\s+at /);
  }
}

describe('any input ends in a result or a located InputError', () => {
  test('pipeline YAML', () => {
    fc.assert(fc.property(yamlish, (text) => ok(() => loadPipeline(text, 'p.yml'), text)), { numRuns: 400 });
  });

  test('.kiteguard.yml', () => {
    fc.assert(fc.property(yamlish, (text) => ok(() => loadConfig(text, '.kiteguard.yml', CATALOG), text)), { numRuns: 400 });
  });

  test('snapshots: any JSON value, and JSON-ish text', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => ok(() => parseSnapshot(JSON.stringify(value) ?? 'null', 's.json'), JSON.stringify(value) ?? '')), { numRuns: 200 });
    const jsonish = fc.array(fc.constantFrom('{', '}', '[', ']', '"schemaVersion"', ': ', '1', ',', '"github"', '"x"', 'null', '\n', '"incomplete"'), { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(fc.property(jsonish, (text) => ok(() => parseSnapshot(text, 's.json'), text)), { numRuns: 300 });
  });
});
