package pipeline.tls_verification_disabled_test

import data.lib.hints
import data.lib.testing
import data.pipeline.tls_verification_disabled as rule

cmd(commands) := testing.pipeline([testing.command_step({"commands": commands})])

# evidence_of: the set of evidence strings the rule reports for these command lines.
evidence_of(commands) := {f.evidence | some f in findings} if {
	findings := rule.deny with input as cmd(commands)
}

test_curl_k_fails if {
	findings := rule.deny with input as cmd(["make", "curl -k https://internal.example.com/x.sh -o x.sh"])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/tls_verification_disabled"
	f.path == ["steps", 0, "commands", 1]
	f.evidence == "curl -k"
	contains(f.message, "curl runs with TLS certificate verification disabled")
}

test_curl_flag_variants_fail if {
	evidence_of(["curl -kfsSL https://a.example.com", "curl -fsSL --insecure https://b.example.com", "curl -sLk https://c.example.com"]) == {
		"curl -kfsSL",
		"curl -fsSL --insecure",
		"curl -sLk",
	}
}

test_curl_without_k_passes if {
	commands := [
		"curl -fsSL https://cli.github.com/packages/githubcli-archive-keyring.gpg | dd of=/usr/share/keyrings/gh.gpg",
		"curl -H \"X-Api-key: abc\" -K curl.cfg https://api.example.com --keepalive-time 5",
		"curl https://x.example.com -o out-k.tgz",
		"curl https://x.example.com | tar -xzk",
		"echo skip-k && curl https://x",
	]
	count(evidence_of(commands)) == 0
}

test_curl_line_continuation_fails if {
	evidence_of(["curl -fsSL \\\n  -k https://a.example.com/x"]) == {"curl -fsSL \\\n  -k"}
}

test_wget_fails if {
	evidence_of(["wget -q --no-check-certificate https://a.example.com/x", "wget https://ok.example.com/y"]) == {"wget -q --no-check-certificate"}
}

test_node_tls_in_command_fails if {
	evidence_of(["NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci"]) == {"NODE_TLS_REJECT_UNAUTHORIZED=0"}
}

test_node_tls_one_passes if {
	count(evidence_of(["NODE_TLS_REJECT_UNAUTHORIZED=1 npm ci", "NODE_EXTRA_CA_CERTS=/etc/ca.pem npm ci"])) == 0
}

test_git_variants_fail if {
	evidence_of([
		"git -c http.sslVerify=false clone https://git.example.com/r.git",
		"git config --global http.sslVerify false",
		"export GIT_SSL_NO_VERIFY=1",
		"git config --global http.https://git.example.com/.sslverify \"false\"",
	]) == {
		"http.sslVerify=false",
		"http.sslVerify false",
		"GIT_SSL_NO_VERIFY=1",
		"http.https://git.example.com/.sslverify \"false",
	}
}

test_git_ssl_verify_true_passes if {
	count(evidence_of(["git config --global http.sslVerify true", "unset GIT_SSL_NO_VERIFY"])) == 0
}

test_npm_and_pip_fail if {
	evidence_of([
		"npm config set strict-ssl false",
		"npm install --strict-ssl=false",
		"pip install --trusted-host pypi.example.com -r requirements.txt",
		"PYTHONHTTPSVERIFY=0 python fetch.py",
	]) == {
		"npm config set strict-ssl false",
		"strict-ssl=false",
		"--trusted-host pypi.example.com",
		"PYTHONHTTPSVERIFY=0",
	}
}

test_kubectl_helm_fail if {
	evidence_of([
		"kubectl --insecure-skip-tls-verify apply -f k8s/",
		"helm upgrade app ./chart --kube-insecure-skip-tls-verify=true",
		"kubectl --insecure-skip-tls-verify=false get pods",
	]) == {"--insecure-skip-tls-verify", "--kube-insecure-skip-tls-verify=true"}
}

test_other_tools_fail if {
	evidence_of([
		"skopeo copy --src-tls-verify=false docker://a docker://b",
		"aws s3 ls --no-verify-ssl",
		"Invoke-WebRequest https://x -SkipCertificateCheck",
		"mvn -Dmaven.wagon.http.ssl.insecure=true package",
	]) == {"--src-tls-verify=false", "aws s3 ls --no-verify-ssl", "-SkipCertificateCheck", "-Dmaven.wagon.http.ssl.insecure=true"}
}

test_docker_tls_false_not_reported if {
	count(evidence_of(["docker --tls=false ps"])) == 0
}

test_step_env_fails if {
	step := testing.command_step({"commands": ["npm ci"], "env": {"NODE_TLS_REJECT_UNAUTHORIZED": "0", "CI": "true"}})
	findings := rule.deny with input as testing.pipeline([step])
	{[f.path, f.evidence] | some f in findings} == {[["steps", 0, "env", "NODE_TLS_REJECT_UNAUTHORIZED"], "0"]}
	some f in findings
	contains(f.message, "`NODE_TLS_REJECT_UNAUTHORIZED=0`")
}

test_pipeline_env_any_value if {
	inp := object.union(cmd(["make"]), {"pipeline": {"env": {"GIT_SSL_NO_VERIFY": "false", "PYTHONHTTPSVERIFY": "1"}}})
	findings := rule.deny with input as inp
	{f.path | some f in findings} == {["env", "GIT_SSL_NO_VERIFY"]}
}

test_env_name_case_insensitive if {
	step := testing.command_step({"env": {"npm_config_strict_ssl": "FALSE"}})
	findings := rule.deny with input as testing.pipeline([step])
	{f.path | some f in findings} == {["steps", 0, "env", "npm_config_strict_ssl"]}
}

test_plugin_config_fails if {
	plugin := testing.plugin("docker", "v5.12.0", {
		"image": "node:20",
		"environment": ["NODE_TLS_REJECT_UNAUTHORIZED=0"],
		"command": ["sh", "-c", "curl -k https://x.example.com"],
	})
	findings := rule.deny with input as testing.pipeline([testing.command_step({"plugins": [plugin]})])
	{[f.path, f.evidence] | some f in findings} == {
		[["steps", 0, "plugins", 0, "config", "environment", 0], "NODE_TLS_REJECT_UNAUTHORIZED=0"],
		[["steps", 0, "plugins", 0, "config", "command", 2], "curl -k"],
	}
}

test_plugin_env_map_fails if {
	plugin := testing.plugin("docker-compose", "v5.14.0", {"run": "app", "env": {"GIT_SSL_NO_VERIFY": true}})
	findings := rule.deny with input as testing.pipeline([testing.command_step({"plugins": [plugin]})])
	{f.path | some f in findings} == {["steps", 0, "plugins", 0, "config", "env", "GIT_SSL_NO_VERIFY"]}
}

test_command_patterns_knob_merges_by_tool if {
	# Overrides merge into the defaults by key: a new tool is added, `[]` turns one off.
	findings := rule.deny with input as cmd(["curl -k https://x", "wget --no-check-certificate https://z", "mytool --no-tls https://y"])
		with data.config.rules as {"pipeline/tls_verification_disabled": {"command_patterns": {"mytool": [`\bmytool\b.*\s(--no-tls)\b`], "wget": []}}}
	{[f.evidence, f.message] | some f in findings} == {
		["curl -k", "curl runs with TLS certificate verification disabled: `curl -k`; remove the flag and trust the right CA instead"],
		["--no-tls", "mytool runs with TLS certificate verification disabled: `--no-tls`; remove the flag and trust the right CA instead"],
	}
}

test_env_vars_knob_merges_by_name if {
	step := testing.command_step({"env": {"MY_SKIP_VERIFY": "yes", "NODE_TLS_REJECT_UNAUTHORIZED": "0", "GOINSECURE": "example.com"}})
	findings := rule.deny with input as testing.pipeline([step])
		with data.config.rules as {"pipeline/tls_verification_disabled": {"env_vars": {"MY_SKIP_VERIFY": ["yes"], "GOINSECURE": []}}}
	{f.path | some f in findings} == {["steps", 0, "env", "MY_SKIP_VERIFY"], ["steps", 0, "env", "NODE_TLS_REJECT_UNAUTHORIZED"]}
}

test_secret_reference_passes if {
	# buildkite-plugins/*: `$$GITHUB_TOKEN` in plugin config, https everywhere.
	plugin := testing.plugin("ossf-scorecard", "v1.0.1", {"github_token": "$$GITHUB_TOKEN"})
	step := testing.command_step({"plugins": [plugin], "commands": ["curl -fsSL https://x.example.com/install.sh -o install.sh"]})
	count(rule.deny) == 0 with input as testing.pipeline([step])
}

test_plugin_env_numeric_and_boolean_values if {
	plugin := testing.plugin("docker", "v5.12.0", {"environment": {"NODE_TLS_REJECT_UNAUTHORIZED": 0, "YARN_ENABLE_STRICT_SSL": false, "RETRIES": 2.5}})
	findings := rule.deny with input as testing.pipeline([testing.command_step({"plugins": [plugin]})])
	{[f.path, f.evidence] | some f in findings} == {
		[["steps", 0, "plugins", 0, "config", "environment", "NODE_TLS_REJECT_UNAUTHORIZED"], "0"],
		[["steps", 0, "plugins", 0, "config", "environment", "YARN_ENABLE_STRICT_SSL"], "false"],
	}
}

test_every_default_pattern_has_hints if {
	every _, patterns in rule.knobs.command_patterns {
		hints.needles(patterns, rule.command_hints) != null
	}
}
