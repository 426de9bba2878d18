# METADATA
# title: Finding helpers
# description: |
#   The one way a rule builds a finding, and reads its config knobs.
#   Rules pass `rego.metadata.chain()` so the helper reads their own METADATA.
package lib.findings

# finding builds the canonical finding object for the rule whose metadata chain is given.
finding(chain, message, path, evidence) := {
	"rule": rule_id(chain),
	"message": message,
	"path": path,
	"evidence": evidence,
}

# rule_id is the stable `custom.id` of the package annotation in the chain.
rule_id(chain) := id if {
	some entry in chain
	entry.annotations.scope == "package"
	id := entry.annotations.custom.id
}

# knobs returns the rule's config: METADATA defaults overlaid by data.config.rules[id].
knobs(chain) := object.union(defaults(chain), overrides(chain))

defaults(chain) := {name: knob.default |
	some entry in chain
	entry.annotations.scope == "package"
	some name, knob in object.get(entry.annotations.custom, "config", {})
}

overrides(chain) := values if {
	values := data.config.rules[rule_id(chain)]
} else := {}
