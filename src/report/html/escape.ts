// Escaping for the HTML report: text and attributes in markup, and JSON inside a <script> element.
import { showControlChars } from '../summary.js';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes untrusted text for element content or a quoted attribute, showing control and bidi characters as escapes. */
export function html(s: string): string {
  return showControlChars(s).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const SCRIPT_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** Compact JSON that is safe inside `<script type="application/json">`: no `<`, `>`, `&` or line separators survive, so `</script>` cannot end the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => SCRIPT_ESCAPES[c] ?? c);
}

/** Formats a count with thousands separators, independent of the machine's locale. */
export function num(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** An ISO timestamp as a <time> element reading `2025-06-02 03:04:05 UTC`. */
export function time(iso: string): string {
  const shown = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : iso;
  return `<time datetime="${html(iso)}">${html(shown)}</time>`;
}
