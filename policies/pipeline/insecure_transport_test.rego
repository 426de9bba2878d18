package pipeline.insecure_transport_test

import data.lib.testing
import data.pipeline.insecure_transport

cmd(commands) := testing.pipeline([testing.command_step({"commands": commands})])

test_http_url_in_command_fails if {
	findings := insecure_transport.deny with input as cmd(["make", "curl -fsSL http://mirror.example.com/tool.tgz -o tool.tgz"])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/insecure_transport"
	f.path == ["steps", 0, "commands", 1]
	f.evidence == "http://mirror.example.com/tool.tgz"
	contains(f.message, "`http://`")
}

test_https_passes if {
	count(insecure_transport.deny) == 0 with input as cmd(["curl -fsSL https://cli.github.com/packages/githubcli-archive-keyring.gpg | dd of=/usr/share/keyrings/gh.gpg"])
}

test_loopback_hosts_pass if {
	commands := [
		"curl http://localhost:8080/health",
		"curl -f http://127.0.0.1/ready && wget http://127.1.2.3:9000/x",
		"curl http://[::1]:3000/ http://0.0.0.0:8000 http://api.localhost/",
		"curl http://app:3000/health http://db",
	]
	count(insecure_transport.deny) == 0 with input as cmd(commands)
}

test_metadata_endpoint_allowed_by_default if {
	count(insecure_transport.deny) == 0 with input as cmd(["curl -s http://169.254.169.254/latest/meta-data/iam/"])
}

test_allowed_hosts_knob_with_suffix if {
	inp := cmd(["curl http://nexus.corp.internal/repo", "curl http://other.example.com/"])
	findings := insecure_transport.deny with input as inp
		with data.config.rules as {"pipeline/insecure_transport": {"allowed_hosts": ["*.corp.internal"]}}
	{f.evidence | some f in findings} == {"http://other.example.com/"}
}

test_single_label_hosts_knob_off if {
	findings := insecure_transport.deny with input as cmd(["curl http://app:3000/health"])
		with data.config.rules as {"pipeline/insecure_transport": {"allow_single_label_hosts": false}}
	{f.evidence | some f in findings} == {"http://app:3000/health"}
}

test_variable_host_fails if {
	findings := insecure_transport.deny with input as cmd(["curl http://$${MIRROR_HOST}/pkg.tgz"])
	{f.evidence | some f in findings} == {"http://$${MIRROR_HOST}/pkg.tgz"}
}

test_user_info_and_port_parsed if {
	# The host is `registry.example.com`, not `localhost` from the user info.
	findings := insecure_transport.deny with input as cmd(["pip install --index-url http://localhost:pw@registry.example.com:8080/simple pkg"])
	{f.evidence | some f in findings} == {"http://localhost:pw@registry.example.com:8080/simple"}
}

test_user_info_local_host_passes if {
	count(insecure_transport.deny) == 0 with input as cmd(["psql http://user:pw@localhost:5432/db"])
}

test_compound_scheme_fails if {
	findings := insecure_transport.deny with input as cmd(["pip install git+http://git.example.com/lib.git"])
	{f.evidence | some f in findings} == {"git+http://git.example.com/lib.git"}
}

test_ftp_and_git_schemes_fail if {
	findings := insecure_transport.deny with input as cmd(["wget ftp://ftp.example.org/pub/x.tgz", "git clone git://example.org/repo.git"])
	{[f.path, f.evidence] | some f in findings} == {
		[["steps", 0, "commands", 0], "ftp://ftp.example.org/pub/x.tgz"],
		[["steps", 0, "commands", 1], "git://example.org/repo.git"],
	}
}

test_ssh_and_s3_schemes_pass if {
	count(insecure_transport.deny) == 0 with input as cmd(["git clone ssh://git@github.com/o/r.git", "aws s3 cp s3://bucket/x ."])
}

test_multiline_command_evidence_is_url if {
	findings := insecure_transport.deny with input as cmd(["set -e\necho \"fetching\"\ncurl -o a.tgz 'http://example.com/a.tgz'\n"])
	{[f.path, f.evidence] | some f in findings} == {[["steps", 0, "commands", 0], "http://example.com/a.tgz"]}
}

test_pipeline_env_fails if {
	inp := object.union(cmd(["make"]), {"pipeline": {"env": {"MIRROR": "http://mirror.example.com", "OK": "https://x"}}})
	findings := insecure_transport.deny with input as inp
	{[f.path, f.evidence] | some f in findings} == {[["env", "MIRROR"], "http://mirror.example.com"]}
}

test_step_env_in_group_fails if {
	group := testing.step("group", {"steps": [testing.command_step({"env": {"PROXY": "http://proxy.corp.example:3128"}})]})
	findings := insecure_transport.deny with input as testing.pipeline([group])
	{f.path | some f in findings} == {["steps", 0, "steps", 0, "env", "PROXY"]}
}

test_plugin_config_nested_fails if {
	plugin := testing.plugin("docker", "v5.12.0", {
		"image": "node:20",
		"environment": ["NPM_REGISTRY=http://registry.example.com/npm/"],
		"settings": {"url": "http://artifacts.example.com"},
	})
	findings := insecure_transport.deny with input as testing.pipeline([testing.command_step({"plugins": [plugin]})])
	{[f.path, f.evidence] | some f in findings} == {
		[["steps", 0, "plugins", 0, "config", "environment", 0], "http://registry.example.com/npm/"],
		[["steps", 0, "plugins", 0, "config", "settings", "url"], "http://artifacts.example.com"],
	}
	some f in findings
	contains(f.message, "plugin `docker`")
}

test_plugin_config_secret_reference_passes if {
	# buildkite-plugins/*: `$$GITHUB_TOKEN` and https URLs in plugin config.
	plugin := testing.plugin("ossf-scorecard", "v1.0.1", {"github_token": "$$GITHUB_TOKEN", "url": "https://api.securityscorecards.dev"})
	count(insecure_transport.deny) == 0 with input as testing.pipeline([testing.command_step({"plugins": [plugin]})])
}

test_plugin_null_config_passes if {
	plugin := testing.plugin("plugin-tester", "v1.3.0", null)
	count(insecure_transport.deny) == 0 with input as testing.pipeline([testing.command_step({"plugins": [plugin]})])
}

test_notify_webhook_fails if {
	inp := object.union(cmd(["make"]), {"pipeline": {"notify": [{"webhook": "http://hooks.example.com/bk"}, {"email": "x@example.com"}]}})
	findings := insecure_transport.deny with input as inp
	{[f.path, f.evidence] | some f in findings} == {[["notify", 0, "webhook"], "http://hooks.example.com/bk"]}
}

test_several_urls_one_line if {
	findings := insecure_transport.deny with input as cmd(["curl http://a.example.com/x http://localhost/ http://b.example.com/y"])
	{f.evidence | some f in findings} == {"http://a.example.com/x", "http://b.example.com/y"}
}

test_url_as_variable_default if {
	findings := insecure_transport.deny with input as cmd(["curl \"$${MIRROR:-http://mirror.example.com/x}\""])
	{f.evidence | some f in findings} == {"http://mirror.example.com/x"}
}

test_plugin_in_group_named if {
	plugin := testing.plugin("docker-compose", "v5.14.0", {"env": ["BASE_URL=http://api.example.com"]})
	group := testing.step("group", {"steps": [testing.command_step({"plugins": [plugin]})]})
	findings := insecure_transport.deny with input as testing.pipeline([group])
	{[f.path, f.message] | some f in findings} == {[
		["steps", 0, "steps", 0, "plugins", 0, "config", "env", 0],
		"plugin `docker-compose` is configured with an unencrypted `http://` URL: `http://api.example.com`; use https",
	]}
}

test_xml_namespaces_pass if {
	heredoc := "cat > ~/.m2/settings.xml <<EOF\n<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\nEOF"
	count(insecure_transport.deny) == 0 with input as cmd([heredoc])
}
