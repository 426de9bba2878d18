// Safe output files: a temporary file in the same folder, flushed to disk, then renamed over the target, so a
// killed run leaves the previous file whole; a symbolic link at the target (which a checked repository can plant)
// is refused, never followed. Every failure is an InputError that names the path.
import { accessSync, closeSync, constants, fsyncSync, lstatSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from './errors.js';

/** Mode for files that hold collected data (snapshots, results, caches): readable by their owner only. */
export const PRIVATE_FILE_MODE = 0o600;
/** Mode for folders that hold collected data. */
export const PRIVATE_DIR_MODE = 0o700;

/** Writes `content` (a string, or a function that writes through `write`) to `file` atomically; `mode` for a new file. */
export function writeFileSafely(file: string, content: string | ((write: (text: string) => void) => void), mode = 0o666): void {
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
