# METADATA
# title: Pipeline entrypoint
# description: |
#   Aggregates every rule's outcome for one pipeline target: the pipeline rules on its
#   YAML and, in a sweep, the Buildkite rules on its settings. When the YAML could not
#   be read, every pipeline rule is unknown with that reason.
# entrypoint: true
package kiteguard.pipeline

import data.lib.report as aggregation

# report is what the host reads: findings, and per rule package any unknown reasons or not-applicable flag.
report := aggregation.aggregate({"pipeline": data.pipeline, "buildkite": data.buildkite}) if input.pipeline

report := object.union(settings, {"unknown": object.union(settings.unknown, yaml_unknown)}) if {
	not input.pipeline
	settings := aggregation.aggregate({"buildkite": data.buildkite})
}

yaml_unknown[concat(".", ["pipeline", name])] := [reason] if {
	some name, _ in data.pipeline
	reason := object.get(input, ["pipeline_unavailable", "reason"], "the pipeline definition was not collected")
}
