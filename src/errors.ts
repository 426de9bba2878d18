// Error types the CLI turns into exit codes: findings are exit 1, everything here is exit 2.

/** Base class of every error kiteguard reports to a user. */
export class KiteguardError extends Error {
  override name = 'KiteguardError';
}

/** Bad command-line usage: an unknown flag, a missing argument, a bad value. */
export class UsageError extends KiteguardError {
  override name = 'UsageError';
}

/** Another run holds what this one needs: the lock of a collection writing the same output. */
export class BusyError extends KiteguardError {
  override name = 'BusyError';
}

/** A position in an input file that an error points at (1-based). */
export interface ErrorPosition {
  file: string;
  line?: number;
  column?: number;
}

/** Bad input: unreadable file, invalid YAML, an unrecognisable pipeline or config. */
export class InputError extends KiteguardError {
  override name = 'InputError';
  /** Where the problem is, when known. */
  readonly position: ErrorPosition | undefined;
  /** The message without the position prefix. */
  readonly detail: string;

  constructor(message: string, position?: ErrorPosition) {
    super(position ? `${formatPosition(position)}: ${message}` : message);
    this.position = position;
    this.detail = message;
  }
}

/** The policy engine failed: the Wasm module could not load or evaluate. */
export class EngineError extends KiteguardError {
  override name = 'EngineError';
}

/** Formats `file:line:col`, leaving out the parts that are unknown. */
export function formatPosition(p: ErrorPosition): string {
  if (p.line === undefined) return p.file;
  return p.column === undefined ? `${p.file}:${p.line}` : `${p.file}:${p.line}:${p.column}`;
}

/** A provider's API could not be used at all: its host could not be reached, or it rejected the credential. */
export class ApiUnusableError extends KiteguardError {
  override name = 'ApiUnusableError';
  /** `unreachable` (no HTTP answer) or `rejected` (401). */
  readonly reason: 'unreachable' | 'rejected';

  constructor(reason: 'unreachable' | 'rejected', message: string) {
    super(message);
    this.reason = reason;
  }
}
