// When a process started, from Linux's /proc (clock ticks since boot, plus the boot time): tells a lock's holder from
// an unrelated process that was later given the same pid. Elsewhere it is not known.
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ, 100 on every Linux architecture kiteguard runs on). */
const TICKS_PER_SECOND = 100;

/** When the process with this pid started (ms since the epoch, to the second), or undefined when it cannot be read. */
export function processStartedAt(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or parentheses: fields count after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const boot = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    if (!boot || !Number.isFinite(ticks)) return undefined;
    return Number(boot[1]) * 1000 + (ticks / TICKS_PER_SECOND) * 1000;
  } catch {
    return undefined;
  }
}
