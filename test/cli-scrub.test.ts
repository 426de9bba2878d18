// The last line of defence: nothing token-shaped that a server or an input echoes into a message reaches stderr.
import { describe, expect, it } from 'vitest';
import { scrubCredentials } from '../src/redact.js';
import { runCli } from './helpers.js';

const TOKENS = [
  'ghp_0123456789abcdefghijABCDEFGHIJ012345',
  'github_pat_11AAAAAAA0123456789_abcdefghijklmnopqrstuvwxyz',
  'bkua_0123456789abcdef0123456789abcdef01234567',
  'bkpt_0123456789abcdef0123456789abcdef',
  'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
];

describe('credential scrubbing', () => {
  it.each(TOKENS)('masks %s', (token) => {
    expect(scrubCredentials(`failed: ${token} was refused`)).toBe('failed: [redacted] was refused');
  });

  it('keeps identifiers that only start like a token', () => {
    expect(scrubCredentials('bkpt_name and gh_pages')).toBe('bkpt_name and gh_pages');
  });

  it('masks a token that an error message echoes on stderr', async () => {
    // `explain` names the rule it could not find: a token pasted there must not be printed back.
    const r = await runCli(['explain', TOKENS[2]!]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kiteguard: no rule `[redacted]`; `kiteguard rules` lists them\n');
  });
});
