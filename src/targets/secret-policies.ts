// Cluster secrets' access policies are YAML text in the snapshot; Rego in Wasm cannot parse YAML, so the organization
// target carries each policy parsed beside it (`policy_rules`), or why it could not be parsed.
import { InputError } from '../errors.js';
import type { BuildkiteClusterEntry, BuildkiteSnapshot, RestSecret } from '../snapshot/buildkite.js';
import { isAvailable, ok, unavailable, type Section } from '../snapshot/section.js';
import { loadYaml } from '../yaml/index.js';

/** Largest access policy parsed, in bytes: Buildkite's are a few lines; anything larger is not judged. */
const MAX_POLICY_BYTES = 64 * 1024;

/** A secret with its access policy parsed: `policy_rules` is set only when `policy` is non-blank text. */
export type SecretWithRules = RestSecret & { policy_rules?: Section<unknown> };

/** The access policy YAML of one secret, parsed: the value, or why it is not readable. */
export function parseSecretPolicy(key: string, policy: string): Section<unknown> {
  try {
    const loaded = loadYaml(policy, `access policy of secret ${key}`, { maxBytes: MAX_POLICY_BYTES, maxAliases: 10, maxDepth: 10, maxNodes: 10_000 });
    if (loaded.documents.length !== 1) return unavailable(`the access policy of secret \`${key}\` holds ${loaded.documents.length} YAML documents, not one`);
    return ok(loaded.documents[0]!.value);
  } catch (err) {
    const detail = err instanceof InputError ? err.message : String(err);
    return unavailable(`the access policy of secret \`${key}\` is not valid YAML (${detail})`);
  }
}

/** The secret with `policy_rules` added when it has a non-blank policy. */
function withRules(secret: RestSecret): SecretWithRules {
  const policy: unknown = secret.policy;
  if (typeof policy !== 'string' || policy.trim() === '') return secret;
  return { ...secret, policy_rules: parseSecretPolicy(typeof secret.key === 'string' ? secret.key : '(no key)', policy) };
}

/** The clusters section with every readable secret's access policy parsed beside its text. */
export function clustersWithSecretPolicies(clusters: Section<BuildkiteClusterEntry[]>): Section<BuildkiteClusterEntry[]> {
  if (!isAvailable(clusters)) return clusters;
  return ok(clusters.data.map((entry) => (isAvailable(entry.secrets) ? { ...entry, secrets: ok(entry.secrets.data.map(withRules)) } : entry)));
}

/** The Buildkite part of the organization target: the snapshot as collected, with secrets' access policies parsed. */
export function buildkiteOrganizationPart(snapshot: BuildkiteSnapshot): BuildkiteSnapshot {
  return { ...snapshot, clusters: clustersWithSecretPolicies(snapshot.clusters) };
}
