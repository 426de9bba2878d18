// Who is calling, without the credential: a one-way identity hash, and the HMAC that proves a stored record was
// written by that caller. The ETag cache and the collection journal both key and seal what they store with these.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** A stable, non-reversible name for who is calling, so stored entries of different callers never mix. */
export function identityHash(parts: string[]): string {
  return createHash('sha256').update(`kiteguard-etag-v1\n${parts.join('\n')}`).digest('hex');
}

/** The HMAC (hex) of `text` keyed by an identity hash: only that caller can produce it. */
export function sealOf(identity: string, text: string): string {
  return createHmac('sha256', identity).update(text).digest('hex');
}

/** Whether `seal` is the HMAC of `text` under `identity` (compared in constant time). */
export function sealMatches(identity: string, text: string, seal: unknown): boolean {
  if (typeof seal !== 'string') return false;
  const expected = Buffer.from(sealOf(identity, text), 'hex');
  const given = Buffer.from(seal, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
