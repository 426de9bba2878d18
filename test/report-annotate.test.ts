import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { annotate, findOnPath } from '../src/report/annotate.js';

// A fake `buildkite-agent`: records its arguments and stdin, then exits with $FAKE_EXIT (after $FAKE_SLEEP seconds).
const FAKE_AGENT = `#!/bin/sh
: > "$FAKE_OUT/args"
for a in "$@"; do printf '%s\\n' "$a" >> "$FAKE_OUT/args"; done
cat > "$FAKE_OUT/stdin"
if [ -n "$FAKE_SLEEP" ]; then sleep "$FAKE_SLEEP"; fi
if [ -n "$FAKE_STDERR" ]; then printf '%s' "$FAKE_STDERR" >&2; fi
exit "\${FAKE_EXIT:-0}"
`;

const BODY = '### kiteguard: 1 finding\n\n| a \\| b | `x` | café 🚀 |\n--context evil $(rm -rf /)\n';

let dir = '';
let bin = '';
let out = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiteguard-annotate-'));
  bin = join(dir, 'bin');
  out = join(dir, 'out');
  mkdirSync(bin);
  mkdirSync(out);
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(bin, 'buildkite-agent'), FAKE_AGENT);
  chmodSync(join(bin, 'buildkite-agent'), 0o755);
  // A non-executable file of the same name earlier on PATH must be skipped.
  mkdirSync(join(dir, 'noexec'));
  writeFileSync(join(dir, 'noexec', 'buildkite-agent'), 'not a program');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function env(extra: Record<string, string> = {}): Record<string, string> {
  const path = [join(dir, 'empty'), join(dir, 'noexec'), bin, process.env.PATH ?? ''].join(delimiter);
  return { BUILDKITE: 'true', PATH: path, FAKE_OUT: out, ...extra };
}

describe.skipIf(process.platform === 'win32')('annotate', () => {
  test('runs buildkite-agent annotate with style and context as args and the body on stdin', async () => {
    const result = await annotate(BODY, 'error', { context: 'kiteguard', env: env() });
    expect(result).toEqual({ ran: true });
    expect(readFileSync(join(out, 'args'), 'utf8')).toBe('annotate\n--style\nerror\n--context\nkiteguard\n');
    expect(readFileSync(join(out, 'stdin'), 'utf8')).toBe(BODY);
  });

  test.each(['success', 'info', 'warning'] as const)('passes style %s', async (style) => {
    expect(await annotate('ok', style, { env: env() })).toEqual({ ran: true });
    expect(readFileSync(join(out, 'args'), 'utf8')).toBe(`annotate\n--style\n${style}\n--context\nkiteguard\n`);
  });

  test('a large body goes through stdin intact', async () => {
    const big = 'x'.repeat(300_000);
    expect(await annotate(big, 'info', { env: env() })).toEqual({ ran: true });
    expect(readFileSync(join(out, 'stdin'), 'utf8')).toBe(big);
  });

  test('does nothing outside Buildkite', async () => {
    expect(await annotate('x', 'info', { env: { ...env(), BUILDKITE: 'false' } })).toEqual({ ran: false });
    const { BUILDKITE: _unset, ...rest } = env();
    expect(await annotate('x', 'info', { env: rest })).toEqual({ ran: false });
  });

  test('warns when BUILDKITE=true but the agent is not on PATH', async () => {
    const result = await annotate('x', 'info', { env: { BUILDKITE: 'true', PATH: join(dir, 'empty') } });
    expect(result.ran).toBe(false);
    expect(result.warning).toMatch(/not on PATH/);
  });

  test('a failing agent becomes a warning with its stderr', async () => {
    const result = await annotate('x', 'error', { env: env({ FAKE_EXIT: '3', FAKE_STDERR: 'fatal: annotation too large' }) });
    expect(result).toEqual({ ran: false, warning: 'buildkite-agent annotate exited with 3: fatal: annotation too large' });
  });

  test('a hung agent is killed after the timeout', async () => {
    const result = await annotate('x', 'error', { env: env({ FAKE_SLEEP: '5' }), timeoutMs: 200 });
    expect(result.ran).toBe(false);
    expect(result.warning).toMatch(/did not finish within 200 ms/);
  });

  test('a spawn that throws becomes a warning', async () => {
    const spawn = (() => {
      throw new Error('EAGAIN');
    }) as unknown as typeof import('node:child_process').spawn;
    expect(await annotate('x', 'error', { env: env(), spawn })).toEqual({ ran: false, warning: 'could not run buildkite-agent: EAGAIN' });
  });

  test('findOnPath skips missing directories and non-executable files', () => {
    expect(findOnPath('buildkite-agent', env())).toBe(join(bin, 'buildkite-agent'));
    expect(findOnPath('buildkite-agent', { PATH: join(dir, 'noexec') })).toBeUndefined();
    expect(findOnPath('buildkite-agent', {})).toBeUndefined();
  });
});
