# METADATA
# title: Pipeline entrypoint
# description: Aggregates every pipeline rule's outcome for one pipeline target.
# entrypoint: true
package kiteguard.pipeline

# report is what the host reads: findings, and per rule package any unknown reasons or not-applicable flag.
report := {
	"findings": [f | some name, rule in data.pipeline; some f in rule.deny],
	"unknown": {name: reasons |
		some name, rule in data.pipeline
		reasons := [r | some r in object.get(rule, "unknown", set())]
		count(reasons) > 0
	},
	"not_applicable": [name | some name, rule in data.pipeline; object.get(rule, "not_applicable", false) == true],
}
