package lib.scans_test

import data.lib.scans
import data.lib.testing

test_texts_of_commands_and_plugins if {
	step := testing.command_step({"commands": ["make\n\n  syft .  "], "plugins": [
		testing.plugin("docker-compose", "v5.14.0", {"build": ["app", "worker"], "push": "app:registry/app", "no-cache": false, "parallel": 2}),
		testing.plugin("docker", "v5.13.0", {"image": "alpine", "command": "trivy image app"}),
		testing.plugin("mise", "v1.1.5", null),
	]})
	texts := scans.texts with input as testing.pipeline([step])
	compose := "github.com/buildkite-plugins/docker-compose-buildkite-plugin"
	docker := "github.com/buildkite-plugins/docker-buildkite-plugin"
	{t.text | some t in texts} == {
		"make", "  syft .  ",
		compose, sprintf("%s build", [compose]), sprintf("%s push", [compose]), sprintf("%s no-cache", [compose]), sprintf("%s parallel", [compose]),
		sprintf("%s build=app", [compose]), sprintf("%s build=worker", [compose]),
		sprintf("%s push=app:registry/app", [compose]), sprintf("%s no-cache=false", [compose]),
		docker, sprintf("%s image", [docker]), sprintf("%s command", [docker]),
		sprintf("%s image=alpine", [docker]), sprintf("%s command=trivy image app", [docker]), "trivy image app",
		"github.com/buildkite-plugins/mise-buildkite-plugin",
	}
	{"path": ["steps", 0, "commands", 0], "text": "  syft .  ", "evidence": "syft ."} in texts
	{"path": ["steps", 0, "plugins", 0, "config", "build", 1], "text": sprintf("%s build=worker", [compose]), "evidence": "worker"} in texts
	{"path": ["steps", 0, "plugins", 1, "config", "command"], "text": "trivy image app", "evidence": "trivy image app"} in texts
}

test_plugin_command_list_with_non_strings_ignored if {
	step := testing.command_step({"plugins": [testing.plugin("docker", "v5.13.0", {"command": ["sleep", 5]})]})
	texts := scans.texts with input as testing.pipeline([step])
	count(texts) == 3 # `<source>`, `<source> command`, `<source> command=sleep`
	every t in texts {
		not startswith(t.text, "sleep")
	}
}

test_first_orders_by_path if {
	found := {
		{"path": ["steps", 10, "commands", 0], "evidence": "c"},
		{"path": ["steps", 2, "plugins", 0], "evidence": "b"},
		{"path": ["steps", 2, "commands", 1], "evidence": "a"},
	}
	scans.first(found) == {"path": ["steps", 2, "commands", 1], "evidence": "a"}
}

test_loader_lines if {
	every line in ["buildkite-agent pipeline upload", "  echo hi", "set -euo pipefail", "export A=b", "if [ -n \"$X\" ]; then", "else", "fi", "", "# comment", "cd .buildkite", "true"] {
		scans.loader_line(line)
	}
	every line in ["make", "docker build .", "./deploy.sh", "echo_secret"] {
		not scans.loader_line(line)
	}
}

test_matches_empty_patterns if {
	doc := testing.pipeline([testing.command_step({"commands": ["syft ."]})])
	count(scans.matches([])) == 0 with input as doc
	scans.matches(["nothing", "(?i)SYFT"]) == {{"path": ["steps", 0, "commands", 0], "evidence": "syft ."}} with input as doc
}

test_matches_flags_stay_in_their_alternative if {
	doc := testing.pipeline([testing.command_step({"commands": ["SEMGREP ci"]})])
	count(scans.matches(["(?i)nothing", "semgrep"])) == 0 with input as doc
}

test_hinted_looks_at_no_text_when_no_hint_occurs if {
	doc := testing.pipeline([testing.command_step({"commands": ["syft ."]})])
	table := {`\bsyft\b`: ["syft"]}
	scans.hinted([`\bsyft\b`], table) == {{"path": ["steps", 0, "commands", 0], "evidence": "syft ."}} with input as doc
	scans.hinted([`\bsyft\b`], table) == set() with input as object.union(doc, {"absent_literals": {"syft": true}})
}
