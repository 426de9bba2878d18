package pipeline.acme_plugin_organizations_test

import data.lib.testing
import data.pipeline.acme_plugin_organizations

with_plugin(plugin) := testing.pipeline([testing.command_step({"label": "build", "commands": ["make"], "plugins": [plugin]})])

third_party := object.union(testing.plugin("cache", "v1.0.0", {}), {"source": "github.com/someone/cache-buildkite-plugin"})

test_third_party_plugin_fails if {
	findings := acme_plugin_organizations.deny with input as with_plugin(third_party)
	count(findings) == 1
	some f in findings
	f.rule == "acme/plugin_organizations"
	f.path == ["steps", 0, "plugins", 0]
	f.evidence == "github.com/someone/cache-buildkite-plugin"
	f.message == "plugin `cache` comes from github.com/someone, which is not an approved plugin organization"
}

test_buildkite_plugin_passes if {
	count(acme_plugin_organizations.deny) == 0 with input as with_plugin(testing.plugin("docker", "v5.12.0", {}))
}

test_lookalike_organization_fails if {
	plugin := object.union(testing.plugin("docker", "v1", {}), {"source": "github.com/buildkite-plugins-evil/docker-buildkite-plugin"})
	count(acme_plugin_organizations.deny) == 1 with input as with_plugin(plugin)
}

test_dynamic_plugin_is_not_judged if {
	plugin := object.union(third_party, {"dynamic": true})
	count(acme_plugin_organizations.deny) == 0 with input as with_plugin(plugin)
}

test_allowed_organizations_knob_applies if {
	count(acme_plugin_organizations.deny) == 0 with input as with_plugin(third_party)
		with data.config.rules as {"acme/plugin_organizations": {"allowed_organizations": ["github.com/someone"]}}
}
