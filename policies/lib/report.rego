# METADATA
# title: Report aggregation
# description: |
#   Collects the outcome of every rule package in the given rule domains: findings, the
#   reasons a rule's outcome is unknown, and whether it does not apply. Rules are keyed
#   by package path (`buildkite.sso_not_enforced`), so two domains may reuse a rule name.
package lib.report

# aggregate turns {domain: data.<domain>} into the document the host reads.
aggregate(domains) := {
	"findings": [f |
		some _, rules in domains
		some _, rule in rules
		some f in object.get(rule, "deny", set())
	],
	"unknown": {concat(".", [domain, name]): reasons |
		some domain, rules in domains
		some name, rule in rules
		reasons := [r | some r in object.get(rule, "unknown", set())]
		count(reasons) > 0
	},
	"not_applicable": [concat(".", [domain, name]) |
		some domain, rules in domains
		some name, rule in rules
		object.get(rule, "not_applicable", false) == true
	],
}
