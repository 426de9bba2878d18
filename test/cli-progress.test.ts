// The collect progress display: a redrawn line on a terminal, plain lines otherwise, nothing when quiet.
import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/cli/progress.js';

function drive(tty: boolean, quiet: boolean): string {
  let out = '';
  let t = 0;
  const p = createProgress({ write: (s) => (out += s), tty, quiet, now: () => (t += 150) });
  p.progress('github', 'repositories', 0, 8);
  p.budget('github', 4900, 5000);
  for (let i = 1; i <= 8; i++) p.progress('github', 'repositories', i, 8);
  p.warn('buildkite', 'retrying after 429');
  p.progress('buildkite', 'pipelines', 1);
  p.finish();
  return out;
}

describe('collect progress', () => {
  it('prints a line per phase and per quarter when not on a terminal', () => {
    expect(drive(false, false)).toBe(
      [
        'github: repositories 0/8',
        'github: repositories 2/8',
        'github: repositories 4/8',
        'github: repositories 6/8',
        'github: repositories 8/8',
        'buildkite: warning: retrying after 429',
        'buildkite: pipelines',
        '',
      ].join('\n'),
    );
  });

  it('redraws one status line in place on a terminal and clears it at the end', () => {
    const out = drive(true, false);
    expect(out).toContain('\r\x1b[2Kgithub: repositories 8/8 (rate limit 4900/5000 left)');
    expect(out).toContain('\r\x1b[2Kbuildkite: warning: retrying after 429\n');
    expect(out).toContain('github: repositories 8/8 (rate limit 4900/5000 left) · buildkite: pipelines 1');
    expect(out.endsWith('\r\x1b[2K')).toBe(true);
    expect(out).not.toContain('\n\n');
  });

  it('shows only warnings when quiet', () => {
    expect(drive(true, true)).toBe('buildkite: warning: retrying after 429\n');
    expect(drive(false, true)).toBe('buildkite: warning: retrying after 429\n');
  });
});

describe('a status line on a narrow terminal', () => {
  it('is cut to fit, so a redraw never wraps', () => {
    let out = '';
    let t = 0;
    const p = createProgress({ write: (s) => (out += s), tty: true, quiet: false, columns: 40, now: () => (t += 150) });
    p.progress('github', 'repositories', 3, 8);
    p.budget('github', 4900, 5000);
    p.progress('buildkite', 'pipelines', 1);
    const lines = out.split('\r\x1b[2K').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect([...line].length).toBeLessThan(40);
    expect(lines.at(-1)).toMatch(/…$/);
  });
});
