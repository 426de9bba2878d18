// Markdown escaping for untrusted text (messages, paths, reasons from YAML and config) in CommonMark + GFM.
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
