// Reads an OPA bundle, a folder or a `.tar.gz` as `opa build` writes it, into its files by bundle path.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../errors.js';

/** The files of a bundle, keyed by their path inside it (`policy.wasm`, `.manifest`, `lib/x.rego`). */
export type BundleFiles = Map<string, Buffer>;

/** Reads a bundle folder or `.tar.gz`; an unreadable or malformed archive is an InputError naming the file. */
export function readBundleFiles(path: string): BundleFiles {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new InputError('cannot read the policy bundle', { file: path });
  }
  if (stat.isDirectory()) return readFolder(path);
  let bytes: Buffer;
  try {
    bytes = gunzipSync(readFileSync(path));
  } catch {
    throw new InputError('the policy bundle is not a gzip-compressed tar archive', { file: path });
  }
  return readTar(bytes, path);
}

function readFolder(root: string): BundleFiles {
  const files: BundleFiles = new Map();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(root, full).split(sep).join('/'), readFileSync(full));
    }
  };
  walk(root);
  return files;
}

/** The bundle path of an archive member: without a leading `/` or `./`. */
function bundlePath(name: string): string {
  return name.replace(/^(\.?\/)+/, '');
}

function readTar(bytes: Buffer, file: string): BundleFiles {
  const files: BundleFiles = new Map();
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= bytes.length) {
    const header = bytes.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(field(header, 124, 12) || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = field(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    if (!Number.isFinite(size) || offset + 512 + size > bytes.length) throw new InputError('the policy bundle archive is truncated', { file });
    const body = bytes.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    longName = undefined;
    if (type === 'x') {
      longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
      continue;
    }
    if (type === 'g' || type === '5') continue;
    if (type !== '0' && type !== '\0') throw new InputError(`the policy bundle holds "${name}", which is not a regular file`, { file });
    const path = bundlePath(name);
    if (files.has(path)) throw new InputError(`the policy bundle holds "${path}" twice`, { file });
    files.set(path, Buffer.from(body));
  }
  return files;
}

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString('utf8').trim();
}
