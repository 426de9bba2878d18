// Markdown helpers: escaping for untrusted text (messages, paths, reasons from YAML and config) in CommonMark + GFM,
// and a writer that keeps a document under a byte cap.
import { showControlChars } from './summary.js';

/** Renders a message: its `code` spans stay code spans (fenced safely), everything else goes through `md`. */
export function mdMessage(s: string): string {
  const parts = s.split('`');
  if (parts.length % 2 === 0) return md(s);
  return parts.map((p, i) => (i % 2 === 0 ? md(p) : p === '' ? '' : code(p))).join('');
}

/** Escapes untrusted text for a Markdown table cell: HTML, Markdown punctuation, pipes; newlines become <br>. */
export function md(s: string): string {
  return showControlChars(s)
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[`*_[\]|~#!]/g, (c) => `\\${c}`)
    .replace(/\n/g, '<br>');
}

/** A code span for untrusted text: fenced by more backticks than it contains; pipes escaped when it sits in a table cell. */
export function code(s: string, inTable = true): string {
  const spaced = showControlChars(s).replace(/\n/g, ' ');
  const flat = inTable ? spaced.replace(/\|/g, '\\|') : spaced;
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** The size of a string in UTF-8 bytes, the unit Buildkite's annotation limit counts in. */
export function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Builds a Markdown document under a UTF-8 byte cap: each section keeps the rows that fit and says how many it left out. */
export class CappedMarkdown {
  private readonly out: string[];
  private left: number;
  /** True once a section had to leave rows out. */
  truncated = false;

  /** Starts the document with `head` (always kept); `reserve` bytes stay free for closing notes. */
  constructor(head: string[], maxBytes: number, reserve = 1024) {
    this.out = [...head];
    this.left = maxBytes - utf8Bytes(head.join('\n')) - reserve;
  }

  /** Adds a section: its heading lines, as many rows as fit, an `…and N more` note, then its closing lines. */
  section(lines: string[], rows: string[], close: string[] = []): void {
    const kept: string[] = [];
    for (const row of rows) {
      if (utf8Bytes(row) + 1 > this.left) break;
      kept.push(row);
      this.left -= utf8Bytes(row) + 1;
    }
    const more = rows.length - kept.length;
    if (more > 0) this.truncated = true;
    this.out.push(...lines, ...kept, ...(more > 0 ? ['', `_…and ${more} more_`] : []), ...close, '');
    this.left -= utf8Bytes([...lines, ...close].join('\n')) + 32;
  }

  /** The document with one trailing newline; `note` is appended when anything was left out. */
  text(note?: string): string {
    const lines = this.truncated && note ? [...this.out, note] : this.out;
    return `${lines.join('\n').trimEnd()}\n`;
  }
}
