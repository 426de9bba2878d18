// `kiteguard policy build`: kiteguard's rules plus an organization's own folder of rules compiled by OPA into
// one Wasm bundle, its data carrying the catalog of both, signed when a key is given.
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildBundle, ORG_DATA_KEY } from '../../scripts/lib/compile-policies.mjs';
import { loadConfig } from '../config/load.js';
import { orgConfigData } from '../config/org.js';
import { readTextBounded } from '../files.js';
import { DEFAULT_LIMITS } from '../yaml/load.js';
import BATCH_ENTRYPOINTS from '../engine/batch-entrypoints.json' with { type: 'json' };
import ENTRYPOINTS from '../engine/entrypoints.json' with { type: 'json' };
import PARTS from '../engine/parts.json' with { type: 'json' };
import { parseCatalog } from '../engine/catalog.js';
import { InputError, UsageError } from '../errors.js';
import type { RuleInfo } from '../model/report.js';
import { kiteguardPolicies } from './policy-sources.js';

/** What one build needs. */
export interface PolicyBuildRequest {
  opa: string;
  /** The organization's rule folder. */
  dir: string;
  out: string;
  signingKey?: string;
  signingAlg?: string;
  /** The key id verifiers pick the key by from a JWKS. */
  keyId?: string;
  /** The organization's `.kiteguard.yml` (knobs, waivers, fail_on) to embed in the bundle's data. */
  config?: string;
  /** The `scope` and `iss` claims to sign. */
  scope?: string;
  issuer?: string;
}

/** The rule domains the entrypoints aggregate: a user rule's package is `<domain>.<name>`. */
export const RULE_DOMAINS = ['pipeline', 'buildkite', 'github', 'agent'];

// The rule domains whose packages get part entrypoints.
const PART_DOMAINS = [...new Set(Object.values(PARTS).flat())];

/** Builds the bundle; returns the organization's own rules in it. Bad rules or an opa failure are InputErrors. */
export function buildPolicyBundle(req: PolicyBuildRequest): RuleInfo[] {
  if (!existsSync(req.dir) || !statSync(req.dir).isDirectory()) throw new UsageError(`${req.dir} is not a folder of Rego rules`);
  if (req.signingKey && !existsSync(req.signingKey)) throw new InputError('cannot read the signing key', { file: req.signingKey });
  if (!req.signingKey && (req.keyId || req.scope || req.issuer)) throw new UsageError('--key-id, --scope and --issuer are signed claims: give --signing-key too');
  const shipped = kiteguardPolicies();
  let rules: RuleInfo[];
  try {
    rules = buildBundle({
      opa: req.opa,
      sources: [
        { dir: shipped, as: 'policies' },
        { dir: req.dir, as: 'org' },
      ],
      // The batch entrypoints too (policies/main/batch.rego), so a sweep evaluates small inputs in runs as with the shipped bundle.
      entrypoints: [...Object.values(ENTRYPOINTS), ...Object.values(BATCH_ENTRYPOINTS)],
      // And the fast paths of the shipped module, over kiteguard's rules and the organization's: large pipelines
      // part by part, the other files of a repository with its repository-wide rules only, the literal hints.
      fastPaths: { partDomains: PART_DOMAINS },
      out: req.out,
      ...(req.signingKey ? { signingKey: req.signingKey, signingAlg: req.signingAlg ?? 'ES256' } : {}),
      ...(req.keyId ? { keyId: req.keyId } : {}),
      claims: { ...(req.scope ? { scope: req.scope } : {}), ...(req.issuer ? { iss: req.issuer } : {}) },
      // Checked against the catalog of this very bundle, so a rule id or knob of the organization's own rules is known.
      ...(req.config ? { data: (rules: RuleInfo[]) => ({ [ORG_DATA_KEY]: orgSettings(req.config as string, rules) }) } : {}),
    });
  } catch (err) {
    if (err instanceof InputError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw unsupportedBuiltin(message, { org: req.dir, policies: shipped }) ?? new InputError(`cannot build the policy bundle: ${message}`, { file: req.dir });
  }
  const catalog = parseCatalog(JSON.stringify({ rules }));
  const own = catalog.filter((r) => !isKiteguardRule(r));
  for (const r of own) {
    checkPlacement(r, req.dir);
    const clash = catalog.find((other) => other !== r && other.package === r.package);
    if (clash) throw new InputError(`rule ${r.id}: package ${r.package} is already rule ${clash.id}'s; pick another package name`, { file: req.dir });
  }
  return own;
}

/** The organization's config, validated like a local one against the bundle's catalog; bundle settings in it are refused. */
function orgSettings(file: string, rules: RuleInfo[]): object {
  const text = readTextBounded(file, DEFAULT_LIMITS.maxBytes);
  const config = loadConfig(text, file, parseCatalog(JSON.stringify({ rules })));
  if (/^(bundle|verification_keys?|bundle_scope|bundle_issuer):/m.test(text)) {
    throw new InputError('an organization config for `policy build --config` cannot name a bundle or its keys (those belong in the local .kiteguard.yml)', { file });
  }
  return orgConfigData(config, basename(file));
}

/**
 * The first builtin the capabilities refused (`opa build` reports it as an undefined function), as an error at
 * the rule's file:line; every other refused call is listed after it.
 */
function unsupportedBuiltin(output: string, roots: Record<string, string>): InputError | undefined {
  const calls = [...output.matchAll(/^([^\s:]+\.rego):(\d+): rego_type_error: undefined function (\S+)$/gm)].map(([, file, line, name]) => {
    const [root, ...rest] = (file as string).split('/');
    return { file: roots[root as string] ? join(roots[root as string] as string, ...rest) : (file as string), line: Number(line), name: name as string };
  });
  const [first, ...others] = calls;
  if (!first) return undefined;
  const more = others.map((c) => `\n  ${c.file}:${c.line}: ${c.name}`).join('');
  return new InputError(
    `builtin ${first.name} is not available to kiteguard rules: it does not run in kiteguard's WebAssembly host ` +
      `(see "Builtins" in docs/writing-rules.md)${more ? `; also refused:${more}` : ''}`,
    { file: first.file, line: first.line },
  );
}

function isKiteguardRule(r: RuleInfo): boolean {
  return RULE_DOMAINS.some((d) => r.id.startsWith(`${d}/`)) && r.package === r.id.replace('/', '.');
}

/** A user rule must sit where an entrypoint aggregates it, under its own id namespace. */
function checkPlacement(r: RuleInfo, dir: string): void {
  const [domain, name, ...rest] = r.package.split('.');
  if (!domain || !RULE_DOMAINS.includes(domain) || !name || rest.length) {
    throw new InputError(`rule ${r.id}: package ${r.package} is not evaluated; name it \`package <domain>.<name>\` with domain one of ${RULE_DOMAINS.join(', ')}`, { file: dir });
  }
  if (RULE_DOMAINS.includes(r.id.split('/')[0] ?? '')) {
    throw new InputError(`rule ${r.id}: custom.id must be in your own namespace (e.g. acme/${r.id.split('/')[1]}), not kiteguard's`, { file: dir });
  }
}
