// The lock of a collection writing a snapshot file, held around all of `collect -o` and `sweep`: taken before the
// journal is opened or discarded, released however the run ends (success, exit 3, an error, a signal).
import { acquireCollectionLock, type CollectionLock } from '../collect/journal/lock.js';
import { releaseOnSignal } from '../collect/journal/release-on-signal.js';

/** Runs `work` holding the lock of the collection writing `snapshotFile`; `say` gets the line a takeover of an abandoned lock prints. */
export async function withCollectionLock<T>(snapshotFile: string, say: ((text: string) => void) | undefined, work: (lock: CollectionLock) => Promise<T>): Promise<T> {
  const lock = acquireCollectionLock(snapshotFile);
  const stopListening = releaseOnSignal(() => lock.release());
  try {
    if (lock.notice) say?.(`${lock.notice}\n`);
    return await work(lock);
  } finally {
    stopListening();
    lock.release();
  }
}
