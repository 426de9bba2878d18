// The real binary writing into a pipe that closes early (`kiteguard … | head`) ends quietly with its usual exit status.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from './helpers.js';

const BIN = join(ROOT, 'bin/kiteguard.js');

describe('a closed stdout pipe', () => {
  test.each([
    ['check -f sarif', `check ${join(ROOT, 'fixtures/pipelines/insecure.yml')} -f sarif`, 1],
    ['rules --json', 'rules --json', 0],
  ])('%s | head -c 1: no EPIPE stack trace, the usual exit status', (_name, args, status) => {
    const run = spawnSync('bash', ['-c', `set -o pipefail; node ${BIN} ${args} | head -c 1 >/dev/null; echo "status=\${PIPESTATUS[0]}" >&2`], { encoding: 'utf8' });
    expect(run.stderr).not.toContain('EPIPE');
    expect(run.stderr).toContain(`status=${status}`);
  });
});
