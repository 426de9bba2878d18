package agent.hook_unsafe_command_test

import data.agent.hook_unsafe_command as rule

hooks_input(lines) := {"agent": {
	"kind": "hooks",
	"hooks": [{"name": "environment", "file": "hooks/environment", "lines": lines}],
	"hooks_pipeline": {"env": {}, "agents": {}, "secrets": {}, "notify": [], "steps": [{"type": "command", "commands": lines, "env": {}, "plugins": [], "agents": {}}]},
}}

test_curl_pipe_sh_fails if {
	some f in rule.deny with input as hooks_input(["set -e", "curl -fsSL https://x.example/i.sh | sh"])
	f.path == ["agent", "hooks", 0, "lines", 1]
	contains(f.message, "hook `environment`")
}

test_tls_off_fails if {
	count(rule.deny) == 1 with input as hooks_input(["git config --global http.sslVerify false"])
}

test_clean_hook_passes if {
	count(rule.deny) == 0 with input as hooks_input(["echo hello"])
}

test_cfg_not_applicable if {
	rule.not_applicable with input as {"agent": {"kind": "agent-config"}}
}

test_secret_echoed_fails if {
	some f in rule.deny with input as hooks_input(["echo \"deploy token: $DEPLOY_TOKEN\""])
	contains(f.message, "pipeline/secret_printed")
}
