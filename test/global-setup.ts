// Gives the test run a temporary folder of its own, as TMPDIR (which `os.tmpdir()` and every command a test starts
// follow), and removes it when the run ends: what tests and the commands they run leave behind never piles up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Points TMPDIR at a fresh folder for the run; returns the teardown that removes it and restores TMPDIR. */
export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'kiteguard-tests-'));
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
