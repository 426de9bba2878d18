# METADATA
# title: Pipeline template not used
# description: |
#   Pipeline templates let the platform team fix the steps every pipeline starts from,
#   for example a dependency and security scan before anything else runs. When the
#   organization requires templates (`require_template`), a pipeline that has none,
#   or one outside `allowed_templates`, skips that baseline. Off by default: then, and
#   when the organization has no templates, the rule does not apply.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/governance/templates
# custom:
#   id: buildkite/pipeline_template_not_used
#   severity: medium
#   area: 2
#   target: pipeline
#   remediation: In Pipeline settings → Steps, choose one of the organization's pipeline templates (Organization settings → Pipeline templates lists them), or set `pipeline_template_uuid` through the REST API.
#   config:
#     require_template:
#       default: false
#       description: Require every pipeline to use one of the organization's pipeline templates.
#     allowed_templates:
#       default: []
#       description: Template names or UUIDs a pipeline may use; empty allows any of the organization's templates.
package buildkite.pipeline_template_not_used

import data.lib.findings
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

pipeline := input.buildkite_pipeline.pipeline

templates := input.buildkite_pipeline.pipeline_templates

not_applicable if not input.buildkite_pipeline

not_applicable if knobs.require_template != true

not_applicable if {
	knobs.require_template == true
	snapshot.available(templates)
	count(templates.data) == 0
}

unknown contains snapshot.why("the organization's pipeline templates", templates) if knobs.require_template == true

unknown contains snapshot.field_why(sprintf("the template of pipeline `%s`", [pipeline.slug]), pipeline, ["pipeline_template_uuid"]) if required

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("pipeline `%s` uses no pipeline template, though the organization has %d", [pipeline.slug, count(templates.data)]),
	["buildkite_pipeline", "pipeline", "pipeline_template_uuid"],
	"pipeline_template_uuid: null",
) if {
	required
	not snapshot.field_unavailable(pipeline, ["pipeline_template_uuid"])
	not is_string(object.get(pipeline, "pipeline_template_uuid", null))
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("pipeline `%s` uses template `%s`, which is not one of the allowed templates", [pipeline.slug, template_label]),
	["buildkite_pipeline", "pipeline", "pipeline_template_uuid"],
	sprintf("pipeline_template_uuid: %s", [pipeline.pipeline_template_uuid]),
) if {
	required
	is_string(pipeline.pipeline_template_uuid)
	not allowed(pipeline.pipeline_template_uuid)
}

# required holds when the knob requires a template and the organization has some.
required if {
	knobs.require_template == true
	snapshot.available(templates)
	count(templates.data) > 0
}

# allowed: the template is the organization's, and listed when the allow-list is not empty.
allowed(uuid) if {
	some template in templates.data
	template.uuid == uuid
	permitted(template)
}

# permitted holds for every template when nothing is listed, else for listed names or UUIDs.
permitted(_) if count(knobs.allowed_templates) == 0

permitted(template) if template.uuid in knobs.allowed_templates

permitted(template) if template.name in knobs.allowed_templates

# template_label is the template's name when known, else its UUID.
template_label := template.name if {
	some template in templates.data
	template.uuid == pipeline.pipeline_template_uuid
} else := pipeline.pipeline_template_uuid
