# METADATA
# title: Cluster secret access policy admits untrusted builds
# description: |
#   A Buildkite secret's access policy is a list of rules; a build that meets every claim
#   of any one rule can read the secret. A rule that names no pipeline (`pipeline_slug`)
#   is met by every pipeline of the cluster, on claims the person who pushes or triggers
#   the build sets: a branch name anyone with push access can create, or a build creator
#   that webhook builds take from an unverified commit. A rule whose `build_branch` is
#   `*` (or missing) admits every branch, pull-request branches included. One finding per
#   such rule; a policy that is not valid YAML, or not a list of rules, is unknown.
#   Secrets with no policy at all are `buildkite/cluster_secret_unrestricted`.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/security/secrets/buildkite-secrets/access-policies
#   - ref: https://buildkite.com/docs/apis/rest-api/clusters/secrets
# custom:
#   id: buildkite/cluster_secret_policy_weak
#   severity: high
#   area: 5
#   target: organization
#   remediation: Edit the secret's access policy so that every rule names the pipelines that need it (`pipeline_slug`) and the protected branches they deploy from (`build_branch`, no `*`) (for example the pipeline `deploy-web` on `main` only).
#   config:
#     pinning_claims:
#       default: ['pipeline_slug']
#       description: Claims whose values only administrators control; every rule must name one of them without a wildcard.
#     require_branch:
#       default: true
#       description: Also report rules that admit every branch (no `build_branch`, or one that is only `*`).
package buildkite.cluster_secret_policy_weak

import data.lib.findings
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

clusters := input.buildkite.clusters

not_applicable if not input.buildkite

unknown contains snapshot.why("the organization's clusters", clusters)

unknown contains snapshot.why(sprintf("secrets of cluster `%s`", [entry.cluster.name]), entry.secrets) if {
	snapshot.available(clusters)
	some entry in clusters.data
}

unknown contains snapshot.field_why(sprintf("the access policy of secret `%s` of cluster `%s`", [secret.key, entry.cluster.name]), secret, ["policy"]) if {
	snapshot.available(clusters)
	some entry in clusters.data
	snapshot.available(entry.secrets)
	some secret in entry.secrets.data
}

unknown contains sprintf("%s, so secret `%s` of cluster `%s` cannot be judged", [rules.reason, secret.key, entry.cluster.name]) if {
	some [entry, secret] in judged
	rules := object.get(secret, "policy_rules", {"status": "unavailable", "reason": "its access policy was not parsed"})
	snapshot.unavailable(rules)
}

unknown contains sprintf("the access policy of secret `%s` of cluster `%s` is not a list of rules, each a map of claims", [secret.key, entry.cluster.name]) if {
	some [entry, secret] in judged
	snapshot.available(secret.policy_rules)
	not rule_list(secret.policy_rules.data)
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("rule %d of the access policy of secret `%s` (cluster `%s`) %s", [r + 1, secret.key, entry.cluster.name, concat("; it ", weaknesses(rule))]),
	["buildkite", "clusters", "data", c, "secrets", "data", s, "policy"],
	json.marshal(rule),
) if {
	some c, entry in clusters.data
	snapshot.available(entry.secrets)
	some s, secret in entry.secrets.data
	has_policy(secret)
	snapshot.available(secret.policy_rules)
	rule_list(secret.policy_rules.data)
	some r, rule in secret.policy_rules.data
	count(weaknesses(rule)) > 0
}

# judged are the (cluster entry, secret) pairs with a non-blank access policy.
judged contains [entry, secret] if {
	snapshot.available(clusters)
	some entry in clusters.data
	snapshot.available(entry.secrets)
	some secret in entry.secrets.data
	has_policy(secret)
}

# has_policy holds for a secret whose `policy` is non-blank text.
has_policy(secret) if {
	is_string(secret.policy)
	trim_space(secret.policy) != ""
}

# rule_list holds for a non-empty list of claim maps.
rule_list(rules) if {
	is_array(rules)
	count(rules) > 0
	every rule in rules {
		is_object(rule)
	}
}

# weaknesses say what a rule admits that it should not.
weaknesses(rule) := array.concat(array.concat(unpinned(rule), every_branch(rule)), no_branch(rule))

unpinned(rule) := [sprintf("names no pipeline (%s, without a wildcard), so every pipeline of the cluster whose builds meet %s can read it", [concat(" or ", knobs.pinning_claims), met_by(rule)])] if {
	not pinned(rule)
} else := []

every_branch(rule) := ["admits every branch (`build_branch: \"*\"`), including branches anyone with push access creates"] if {
	some condition in conditions(rule, "build_branch")
	every_value(condition)
} else := []

no_branch(rule) := ["admits every branch (no `build_branch`), including branches anyone with push access creates"] if {
	knobs.require_branch
	not "build_branch" in object.keys(rule)
} else := []

# pinned holds when the rule names a pinning claim whose every condition is a concrete value.
pinned(rule) if {
	some claim in knobs.pinning_claims
	values := conditions(rule, claim)
	count(values) > 0
	every value in values {
		not every_value(value)
	}
}

# conditions are a claim's condition strings (a single value or a list).
conditions(rule, claim) := [v | some v in rule[claim]; is_string(v)] if is_array(rule[claim])

conditions(rule, claim) := [rule[claim]] if is_string(rule[claim])

conditions(rule, claim) := [] if not claim in object.keys(rule)

# every_value holds for a condition that is only wildcards (`*`, `**`).
every_value(condition) if trim(condition, "*") == ""

# met_by names the claims a rule does constrain, or says it constrains none.
met_by(rule) := sprintf("`%s`", [concat("`, `", sort(object.keys(rule)))]) if count(rule) > 0

met_by(rule) := "no claim at all" if count(rule) == 0
