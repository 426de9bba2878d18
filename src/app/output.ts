// The narrow output the use cases write through, and the progress reporting the caller passes in.
import type { CollectEvents } from '../collect/events.js';

/** Where a use case writes: its document on `stdout`, messages for the person running it on `stderr`. */
export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Collector events shown as progress, plus `finish()` to clear what is on screen. */
export interface ProgressReporter extends CollectEvents {
  finish(): void;
}

/** Makes the progress reporter of one collection, writing through `write` (which masks credentials). */
export type ProgressFactory = (write: (text: string) => void) => ProgressReporter;

/** Progress that shows nothing. */
export const NO_PROGRESS: ProgressFactory = () => ({ progress() {}, budget() {}, warn() {}, finish() {} });
