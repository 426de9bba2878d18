package pipeline.plugin_source_not_allowed_test

import data.lib.testing
import data.pipeline.plugin_source_not_allowed

# third_party builds a plugin as the host canonicalizes `owner/name#ref`.
third_party(name, source) := object.union(testing.plugin("x", "v1.0.0", {}), {"name": name, "source": source})

dynamic(name) := object.union(testing.plugin("x", null, {}), {"name": name, "source": name, "dynamic": true})

with_plugins(plugins) := testing.pipeline([testing.command_step({"commands": ["make"], "plugins": plugins})])

# every_source: the knobs that report every plugin from a source not allowed, secret or not.
every_source := {"pipeline/plugin_source_not_allowed": {"require_secret": false}}

# handed: a third-party plugin whose settings name a secret.
handed(name, source) := object.union(third_party(name, source), {"config": {"parameters": {"KOMODOR_API_KEY": "/app/ci/KOMODOR-API-KEY"}}})

in_repository(plugins, url) := object.union(with_plugins(plugins), {"context": {"repository": {"url": url}}})

test_buildkite_plugins_allowed_by_default if {
	count(plugin_source_not_allowed.deny) == 0 with input as with_plugins([
		testing.plugin("docker", "v5.12.0", {}),
		testing.plugin("docker-compose", "v5.12.1", {"run": "ci"}),
	])
}

test_third_party_handed_a_secret_fails if {
	findings := plugin_source_not_allowed.deny with input as with_plugins([
		testing.plugin("docker", "v5.12.0", {}),
		handed("someone/aws-ssm", "github.com/someone/aws-ssm-buildkite-plugin"),
	])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/plugin_source_not_allowed"
	f.path == ["steps", 0, "plugins", 1]
	f.evidence == "someone/aws-ssm"
	f.message == "plugin `someone/aws-ssm` from `github.com/someone/aws-ssm-buildkite-plugin` is handed `KOMODOR_API_KEY`, and its source is not allowed: vet it and add `github.com/someone/*` to `allowed_sources`, or use a fork in your organization"
}

test_third_party_handed_nothing_secret_passes_by_default if {
	count(plugin_source_not_allowed.deny) == 0 with input as with_plugins([
		third_party("cultureamp/ecr-scan-results", "github.com/cultureamp/ecr-scan-results-buildkite-plugin"),
		object.union(third_party("acme/assume-role", "github.com/acme/assume-role-buildkite-plugin"), {"config": {"role": "arn:aws:iam::1:role/ci"}}),
	])
}

test_every_unlisted_source_with_require_secret_off if {
	findings := plugin_source_not_allowed.deny with input as with_plugins([third_party("cultureamp/ecr-scan-results", "github.com/cultureamp/ecr-scan-results-buildkite-plugin")])
		with data.config.rules as every_source
	some f in findings
	f.message == "plugin `cultureamp/ecr-scan-results` comes from `github.com/cultureamp/ecr-scan-results-buildkite-plugin`, which is not an allowed plugin source: vet it and add `github.com/cultureamp/*` to `allowed_sources`, or use a fork in your organization"
}

test_secrets_handed_as_listed_names_and_references if {
	listed := object.union(third_party("a/docker", "github.com/a/docker-buildkite-plugin"), {"config": {"environment": ["NPM_TOKEN", "CI"]}})
	referenced := object.union(third_party("b/publish", "github.com/b/publish-buildkite-plugin"), {"config": {"auth": "Bearer ${GITHUB_TOKEN}"}})
	plain := object.union(third_party("c/cache", "github.com/c/cache-buildkite-plugin"), {"config": {"key": "v1-{{ checksum 'go.sum' }}", "path": "$HOME/.cache"}})
	findings := plugin_source_not_allowed.deny with input as with_plugins([listed, referenced, plain])
	{f.evidence | some f in findings} == {"a/docker", "b/publish"}
}

test_repository_owner_from_git_remote_is_allowed if {
	plugins := [handed("Acme/aws-sm", "github.com/Acme/aws-sm-buildkite-plugin"), handed("evil/aws-sm", "github.com/evil/aws-sm-buildkite-plugin")]
	{f.evidence | some f in plugin_source_not_allowed.deny} == {"evil/aws-sm"} with input as in_repository(plugins, "git@github.com:acme/api.git")
	{f.evidence | some f in plugin_source_not_allowed.deny} == {"evil/aws-sm"} with input as in_repository(plugins, "https://github.com/acme/api")
	{f.evidence | some f in plugin_source_not_allowed.deny} == {"evil/aws-sm"} with input as in_repository(plugins, "ssh://git@github.com/acme/api.git")
}

test_repository_owner_from_the_buildkite_pipeline_is_allowed if {
	inp := object.union(with_plugins([handed("acme/aws-sm", "github.com/acme/aws-sm-buildkite-plugin")]), {"context": {"pipeline": {"repository": "git@github.com:acme/api.git"}}})
	count(plugin_source_not_allowed.deny) == 0 with input as inp
}

test_buildkite_own_sources_allowed if {
	count(plugin_source_not_allowed.deny) == 0 with input as with_plugins([handed("buildkite/x", "github.com/buildkite/x-buildkite-plugin")])
}

test_full_url_source_fails if {
	# ssh://git@github.com/acme/foo.git is canonicalized to github.com/acme/foo.
	findings := plugin_source_not_allowed.deny with data.config.rules as every_source with input as with_plugins([third_party("ssh://git@github.com/acme/foo.git", "github.com/acme/foo")])
	{f.path | some f in findings} == {["steps", 0, "plugins", 0]}
}

test_star_does_not_cross_segments if {
	# A lookalike path under buildkite-plugins/ is not matched by `buildkite-plugins/*`.
	findings := plugin_source_not_allowed.deny with data.config.rules as every_source with input as with_plugins([third_party("x", "github.com/buildkite-plugins/docker-buildkite-plugin/evil")])
	count(findings) == 1
}

test_prefix_lookalike_owner_fails if {
	findings := plugin_source_not_allowed.deny with data.config.rules as every_source with input as with_plugins([third_party("buildkite-plugins-evil/docker", "github.com/buildkite-plugins-evil/docker-buildkite-plugin")])
	count(findings) == 1
}

test_allowed_sources_knob if {
	plugins := [
		testing.plugin("docker", "v5.12.0", {}),
		third_party("acme/deploy", "github.com/acme/deploy-buildkite-plugin"),
		third_party("Acme/Lint", "github.com/Acme/lint-buildkite-plugin"),
		third_party("evil/deploy", "github.com/evil/deploy-buildkite-plugin"),
	]
	findings := plugin_source_not_allowed.deny with input as with_plugins(plugins)
		with data.config.rules as {"pipeline/plugin_source_not_allowed": {"allowed_sources": ["github.com/acme/*"], "require_secret": false}}
	{f.path | some f in findings} == {["steps", 0, "plugins", 0], ["steps", 0, "plugins", 3]}
}

test_super_glob_knob if {
	plugins := [third_party("x", "gitlab.example.com/platform/ci/plugins/deploy"), third_party("y", "gitlab.example.com/other/deploy")]
	findings := plugin_source_not_allowed.deny with input as with_plugins(plugins)
		with data.config.rules as {"pipeline/plugin_source_not_allowed": {"allowed_sources": ["gitlab.example.com/platform/**"], "require_secret": false}}
	{f.evidence | some f in findings} == {"y"}
}

test_dynamic_allowed_by_default if {
	count(plugin_source_not_allowed.deny) == 0 with input as with_plugins([
		dynamic("./.buildkite/plugins/setup"),
		dynamic("${BUILDKITE_PULL_REQUEST_REPO:-$BUILDKITE_REPO}"),
	])
}

test_dynamic_denied_when_allow_local_off if {
	findings := plugin_source_not_allowed.deny with input as with_plugins([
		testing.plugin("docker", "v5.12.0", {}),
		dynamic("./.buildkite/plugins/setup"),
	])
		with data.config.rules as {"pipeline/plugin_source_not_allowed": {"allow_local": false}}
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "plugins", 1]
	f.message == "plugin `./.buildkite/plugins/setup` is loaded from a local path or variable, and `allow_local` is off"
}

test_variable_ref_still_checked if {
	# `acme/evil#${REF}` is dynamic only by its ref; its source is known and not allowed.
	plugin := object.union(third_party("acme/evil", "github.com/acme/evil-buildkite-plugin"), {"ref": "${REF}", "dynamic": true})
	findings := plugin_source_not_allowed.deny with data.config.rules as every_source with input as with_plugins([plugin])
	{f.evidence | some f in findings} == {"acme/evil"}
}

test_local_path_forms_are_unresolved if {
	plugins := [dynamic("/opt/plugins/x"), dynamic("~/plugins/x"), dynamic("file:///opt/x"), dynamic("C:\\plugins\\x"), dynamic("\\\\share\\x")]
	count(plugin_source_not_allowed.deny) == 0 with input as with_plugins(plugins)
	count(plugin_source_not_allowed.deny) == 5 with input as with_plugins(plugins)
		with data.config.rules as {"pipeline/plugin_source_not_allowed": {"allow_local": false}}
}

test_kubernetes_plugin_skipped if {
	k8s := testing.plugin("kubernetes", null, {"checkout": {"skip": true}})
	count(plugin_source_not_allowed.deny) == 0 with input as with_plugins([k8s])
		with data.config.rules as {"pipeline/plugin_source_not_allowed": {"allowed_sources": ["github.com/acme/*"]}}
}

test_group_members_checked if {
	group := testing.step("group", {"steps": [
		testing.command_step({"plugins": [testing.plugin("mise", "v1.1.5", null)]}),
		testing.command_step({"plugins": [third_party("equinixmetal-buildkite/trivy", "github.com/equinixmetal-buildkite/trivy-buildkite-plugin")]}),
	]})
	findings := plugin_source_not_allowed.deny with data.config.rules as every_source with input as testing.pipeline([group])
	{f.path | some f in findings} == {["steps", 0, "steps", 1, "plugins", 0]}
}

test_corpus_docs_deploy if {
	# buildkite/docs deploy pipeline: official plugins pass, the cultureamp scanner is flagged.
	steps := [
		testing.command_step({"commands": [".buildkite/push-image.sh"], "plugins": [
			testing.plugin("aws-assume-role-with-web-identity", "v1.7.0", {}),
			testing.plugin("ecr", "v2.12.0", {"login": true}),
		]}),
		testing.command_step({"commands": ["true"], "plugins": [
			testing.plugin("aws-assume-role-with-web-identity", "v1.7.0", {}),
			third_party("cultureamp/ecr-scan-results", "github.com/cultureamp/ecr-scan-results-buildkite-plugin"),
		]}),
	]
	findings := plugin_source_not_allowed.deny with data.config.rules as every_source with input as testing.pipeline(steps)
	{f.path | some f in findings} == {["steps", 1, "plugins", 1]}
}

test_owner_of_several_plugins_is_the_organizations_own_when_no_repository_is_known if {
	plugins := [
		handed("grapl-security/vault-env", "github.com/grapl-security/vault-env-buildkite-plugin"),
		third_party("grapl-security/vault-login", "github.com/grapl-security/vault-login-buildkite-plugin"),
		handed("someone/aws-ssm", "github.com/someone/aws-ssm-buildkite-plugin"),
	]
	{f.evidence | some f in plugin_source_not_allowed.deny} == {"someone/aws-ssm"} with input as with_plugins(plugins)
	count(plugin_source_not_allowed.deny) == 2 with input as with_plugins(plugins)
		with data.config.rules as {"pipeline/plugin_source_not_allowed": {"infer_owner_min_plugins": 0}}
	{f.evidence | some f in plugin_source_not_allowed.deny} == {"grapl-security/vault-env", "someone/aws-ssm"} with input as in_repository(plugins, "git@github.com:acme/api.git")
}
