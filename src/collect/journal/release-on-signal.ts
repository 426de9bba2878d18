// A collection stopped by a signal (Ctrl-C, a cancelled CI job, `kill`) still removes its lock: the signal runs the
// release, then ends the process as the signal would have (the journal stays for `--resume`).
import { constants } from 'node:os';

/** The signals that end a run which has not asked for them otherwise. */
const ENDING_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Runs `release` when one of those signals arrives, then lets it end the process; returns the function that stops listening. */
export function releaseOnSignal(release: () => void): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    stop();
    release();
    // When no one else listens (another collection in this process, say), the signal is sent again with its
    // default action restored, so the process ends as it would have and its parent sees which signal it was.
    if (process.listenerCount(signal) !== 0) return;
    // The kernel drops a signal to process 1 (a container's init) that has no handler, so there it ends the run itself.
    if (process.pid === 1) process.exit(128 + constants.signals[signal]);
    process.kill(process.pid, signal);
  };
  const stop = (): void => {
    for (const signal of ENDING_SIGNALS) process.removeListener(signal, handler);
  };
  for (const signal of ENDING_SIGNALS) process.on(signal, handler);
  return stop;
}
