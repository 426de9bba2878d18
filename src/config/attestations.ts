// Attestations in `.kiteguard.yml`: evidence, signed off by a person until a date, for the
// controls no API can show (audit-log streaming to a SIEM, for one).
import type { Location, RuleInfo } from '../model/report.js';
import type { LoadedYaml } from '../yaml/load.js';
import type { PosNode } from '../yaml/positions.js';
import { fail, isIsoDate, kind, mapping, valueAt } from './checks.js';
import { closest } from './suggest.js';

/** One attestation: a rule it satisfies, the evidence, who vouches for it and until when. */
export interface Attestation {
  rule: string;
  /** A URL or a sentence pointing at the proof (a SIEM dashboard, a ticket). */
  evidence: string;
  attested_by: string;
  /** ISO date `YYYY-MM-DD`; after it the attestation is expired and the rule fails. */
  expires: string;
  /** The organization it covers (`github:ORG` or `buildkite:SLUG`); absent covers every one. */
  scope?: string;
  source: Location;
}

const KEYS = ['rule', 'evidence', 'attested_by', 'expires', 'scope'];

/** Reads and checks one attestation entry; only rules whose METADATA declares `attestable: true` take one. */
export function attestation(yaml: LoadedYaml, value: unknown, pos: PosNode, catalog: RuleInfo[]): Attestation {
  const a = mapping(yaml, value, pos, 'an attestation', KEYS);
  for (const key of ['rule', 'evidence', 'attested_by', 'expires']) {
    if (a[key] === undefined || a[key] === null || a[key] === '') {
      fail(yaml, pos.at, `attestation is missing ${key}; every attestation needs rule, evidence, attested_by and expires`);
    }
  }
  const text = (key: string): string => {
    const v = a[key];
    if (typeof v !== 'string') fail(yaml, valueAt(pos, key), `expected the attestation's ${key} to be a string, got ${kind(v)}`);
    return v;
  };
  const rule = text('rule');
  const attestable = catalog.filter((r) => r.attestable).map((r) => r.id);
  if (!attestable.includes(rule)) {
    const known = catalog.some((r) => r.id === rule);
    const hint = closest(rule, attestable);
    const why = known ? `rule "${rule}" is decided from collected data and takes no attestation` : `unknown rule "${rule}" in attestation`;
    fail(yaml, valueAt(pos, 'rule'), `${why}${hint ? `; did you mean "${hint}"?` : ''} (attestable rules: ${attestable.join(', ') || 'none'})`);
  }
  const expires = typeof a['expires'] === 'string' ? a['expires'] : String(a['expires']);
  if (!isIsoDate(expires)) fail(yaml, valueAt(pos, 'expires'), `expected expires to be a date YYYY-MM-DD, got ${JSON.stringify(expires)}`);
  const scope = a['scope'] === undefined || a['scope'] === null ? undefined : text('scope');
  if (scope !== undefined && !/^(github|buildkite):[\w.-]+$/.test(scope)) {
    fail(yaml, valueAt(pos, 'scope'), `expected scope to be github:ORG or buildkite:SLUG, got ${JSON.stringify(scope)}`);
  }
  return {
    rule,
    evidence: text('evidence'),
    attested_by: text('attested_by'),
    expires,
    ...(scope ? { scope } : {}),
    source: { file: yaml.file, ...yaml.lines.at(pos.at) },
  };
}
