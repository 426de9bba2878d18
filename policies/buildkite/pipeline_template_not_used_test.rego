package buildkite.pipeline_template_not_used_test

import data.buildkite.pipeline_template_not_used

rule := "buildkite/pipeline_template_not_used"

templates := {"status": "ok", "data": [{"uuid": "pt-1", "name": "Upload from repository"}, {"uuid": "pt-2", "name": "Legacy"}]}

target(template, section) := {"buildkite_pipeline": {"org": "acme", "pipeline": {"slug": "web-app", "pipeline_template_uuid": template}, "pipeline_templates": section}}

required := {rule: {"require_template": true}}

test_off_by_default if {
	pipeline_template_not_used.not_applicable with input as target(null, templates)
	count(pipeline_template_not_used.deny) == 0 with input as target(null, templates)
	count(pipeline_template_not_used.unknown) == 0 with input as target(null, {"status": "unavailable", "reason": "403 Forbidden"})
}

test_pipeline_without_template_fails_when_required if {
	findings := pipeline_template_not_used.deny with input as target(null, templates) with data.config.rules as required
	{f.message | some f in findings} == {"pipeline `web-app` uses no pipeline template, though the organization has 2"}
	{f.path | some f in findings} == {["buildkite_pipeline", "pipeline", "pipeline_template_uuid"]}
	not pipeline_template_not_used.not_applicable with input as target(null, templates) with data.config.rules as required
}

test_pipeline_on_template_passes if {
	count(pipeline_template_not_used.deny) == 0 with input as target("pt-2", templates) with data.config.rules as required
}

test_allowed_templates if {
	knobs := {rule: {"require_template": true, "allowed_templates": ["Upload from repository"]}}
	findings := pipeline_template_not_used.deny with input as target("pt-2", templates) with data.config.rules as knobs
	{f.message | some f in findings} == {"pipeline `web-app` uses template `Legacy`, which is not one of the allowed templates"}
	count(pipeline_template_not_used.deny) == 0 with input as target("pt-1", templates) with data.config.rules as knobs
	count(pipeline_template_not_used.deny) == 0 with input as target("pt-2", templates) with data.config.rules as {rule: {"require_template": true, "allowed_templates": ["pt-2"]}}
}

test_unknown_template_is_not_allowed if {
	findings := pipeline_template_not_used.deny with input as target("pt-9", templates) with data.config.rules as required
	{f.message | some f in findings} == {"pipeline `web-app` uses template `pt-9`, which is not one of the allowed templates"}
}

test_no_templates_is_not_applicable if {
	pipeline_template_not_used.not_applicable with input as target(null, {"status": "ok", "data": []}) with data.config.rules as required
	count(pipeline_template_not_used.deny) == 0 with input as target(null, {"status": "ok", "data": []}) with data.config.rules as required
}

test_hidden_templates_are_unknown_when_required if {
	hidden := target(null, {"status": "unavailable", "reason": "403 Forbidden", "needs": "read_pipeline_templates"})
	count(pipeline_template_not_used.deny) == 0 with input as hidden with data.config.rules as required
	pipeline_template_not_used.unknown == {"the organization's pipeline templates not visible: 403 Forbidden (needs read_pipeline_templates)"} with input as hidden with data.config.rules as required
}

test_not_applicable_without_settings if {
	pipeline_template_not_used.not_applicable with input as {"pipeline": {"steps": []}} with data.config.rules as required
}

test_unread_template_is_unknown_never_a_finding if {
	inp := target({"status": "unavailable", "reason": "`pipeline_template_uuid` was not returned"}, templates)
	count(pipeline_template_not_used.deny) == 0 with input as inp with data.config.rules as required
	pipeline_template_not_used.unknown == {"the template of pipeline `web-app` not visible: `pipeline_template_uuid` was not returned"} with input as inp with data.config.rules as required
}
