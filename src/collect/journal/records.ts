// The journal's response records: one JSON line each, sealed with an HMAC keyed by the caller's identity, so a line
// cut short by a killed process, changed, or written under another credential is dropped, never replayed.
import { createHash } from 'node:crypto';
import type { Provider } from '../../snapshot/types.js';
import { sealMatches, sealOf } from '../identity.js';

/** A completed response as the journal keeps it: enough to replay it. */
export interface StoredResponse {
  status: number;
  /** Only the headers the collectors read (pagination, ETag, content type, token facts). */
  headers: Record<string, string>;
  /** The body exactly as received. */
  body: string;
}

/** The identity of a request: provider, method, URL and body, hashed (the journal never holds request text). */
export function requestKey(provider: Provider, method: string, url: string, body: string): string {
  return createHash('sha256').update(`${provider}\n${method}\n${url}\n${body}`).digest('hex');
}

/** One record as a line of text (newline included), sealed under `identity`. */
export function encodeRecord(identity: string, key: string, response: StoredResponse): string {
  const { status, headers, body } = response;
  return `${JSON.stringify({ k: key, s: status, h: headers, b: body, m: sealOf(identity, sealedText(key, response)) })}\n`;
}

/** The records of a journal file that are whole and sealed by `identity`; `end` is the byte length of the whole lines. */
export function decodeRecords(identity: string, bytes: Buffer): { records: Map<string, StoredResponse>; dropped: number; end: number } {
  const records = new Map<string, StoredResponse>();
  let dropped = 0;
  let start = 0;
  // Line by line from the bytes: a journal may be larger than the longest string JavaScript can hold.
  for (let newline = bytes.indexOf(10, start); newline !== -1; start = newline + 1, newline = bytes.indexOf(10, start)) {
    if (newline === start) continue;
    const decoded = decodeLine(identity, bytes.toString('utf8', start, newline));
    if (decoded) records.set(decoded.key, decoded.response);
    else dropped++;
  }
  if (start < bytes.length) dropped++;
  return { records, dropped, end: start };
}

function decodeLine(identity: string, line: string): { key: string; response: StoredResponse } | undefined {
  let value: { k?: unknown; s?: unknown; h?: unknown; b?: unknown; m?: unknown };
  try {
    value = JSON.parse(line) as typeof value;
  } catch {
    return undefined;
  }
  const { k, s, h, b, m } = value;
  if (typeof k !== 'string' || typeof s !== 'number' || typeof b !== 'string' || !isHeaders(h)) return undefined;
  const response = { status: s, headers: h, body: b };
  return sealMatches(identity, sealedText(k, response), m) ? { key: k, response } : undefined;
}

function isHeaders(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

// What the seal covers: the key and everything replayed.
function sealedText(key: string, r: StoredResponse): string {
  return JSON.stringify([key, r.status, Object.entries(r.headers).sort(([a], [b]) => (a < b ? -1 : 1)), r.body]);
}
