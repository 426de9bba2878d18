// Safe output files: a temporary file in the same folder, flushed to disk, then renamed over the target, so a
// killed run leaves the previous file whole; a symbolic link at the target (which a checked repository can plant)
// is refused, never followed. Every failure is an InputError that names the path. Inputs are read bounded and as strict UTF-8.
import { accessSync, closeSync, constants, fsyncSync, lstatSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from './errors.js';

/** Mode for files that hold collected data (snapshots, results, caches): readable by their owner only. */
export const PRIVATE_FILE_MODE = 0o600;
/** Mode for folders that hold collected data. */
export const PRIVATE_DIR_MODE = 0o700;

/** Writes `content` (a string, bytes, or a function that writes through `write`) to `file` atomically; `mode` for a new file. */
export function writeFileSafely(file: string, content: string | Buffer | ((write: (text: string) => void) => void), mode = 0o666): void {
  checkTarget(file);
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), mode);
    const out = fd;
    const write = (text: string): void => {
      writeSync(out, text);
    };
    if (typeof content === 'string') write(content);
    else if (Buffer.isBuffer(content)) writeSync(out, content);
    else content(write);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Already renamed, or never created.
    }
    throw err instanceof InputError ? err : writeError(file, err);
  }
}

// The target may be absent or a regular writable file; its folder must exist.
function checkTarget(file: string): void {
  let folder;
  try {
    folder = statSync(dirname(file));
  } catch {
    throw new InputError(`cannot write the file: the folder ${dirname(file)} does not exist`, { file });
  }
  if (!folder.isDirectory()) throw new InputError(`cannot write the file: ${dirname(file)} is not a folder`, { file });
  let st;
  try {
    st = lstatSync(file);
  } catch {
    return;
  }
  if (st.isSymbolicLink()) throw new InputError('refusing to write through a symbolic link at the output path; remove it or choose another path', { file });
  if (st.isDirectory()) throw new InputError('cannot write the file: it is a directory; name a file', { file });
  if (!st.isFile()) throw new InputError('cannot write the file: it is not a regular file', { file });
  try {
    accessSync(file, constants.W_OK);
  } catch {
    throw new InputError('cannot write the file: it is read-only', { file });
  }
}

function writeError(file: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    ENOENT: 'the folder does not exist',
    EISDIR: 'it is a directory',
  };
  const reason = (code && why[code]) ?? (err instanceof Error ? err.message : String(err));
  return new InputError(`cannot write the file: ${reason}`, { file });
}

/** Reads at most `limit` bytes of a file, FIFO or device (stops reading past it: an InputError, never the whole input in memory), as strict UTF-8. */
export function readTextBounded(path: string, limit: number, name = path): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY);
  } catch (err) {
    throw new InputError(`cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file: name });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, limit + 1 - size));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      size += n;
      if (size > limit) throw new InputError(`the input is larger than the limit of ${limit} bytes`, { file: name });
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file: name });
  } finally {
    closeSync(fd);
  }
  return decodeUtf8(Buffer.concat(chunks), name);
}

/** Decodes strict UTF-8, as buildkite-agent reads pipelines: invalid bytes are an InputError at their line and column. */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
    const lines = before.split('\n');
    const column = [...(lines[lines.length - 1] ?? '')].length + 1;
    throw new InputError(`invalid UTF-8 (byte 0x${(bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0')} at offset ${at}); expected UTF-8 text`, { file: name, line: lines.length, column });
  }
}

// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] ?? 0;
    const len = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > b.length) return i;
    const valid = new TextDecoder('utf-8', { fatal: true });
    try {
      valid.decode(b.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return b.length;
}
