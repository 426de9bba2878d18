package lib.deploy_test

import data.lib.deploy
import data.lib.testing

# The pattern-list forms that organizations' own rules call (examples/org-policy).
test_deploy_steps_and_is_deploy_take_pattern_lists if {
	steps := [
		testing.command_step({"label": "Ship", "commands": ["helm upgrade app ./chart"]}),
		testing.command_step({"label": "Unit tests", "commands": ["make test"]}),
	]
	found := deploy.deploy_steps(["(?i)deploy"], [`\bhelm\s+upgrade\b`]) with input as testing.pipeline(steps)
	{entry.path | some entry in found} == {["steps", 0]}
	deploy.is_deploy(steps[0], ["(?i)deploy"], [`\bhelm\s+upgrade\b`])
	not deploy.is_deploy(steps[1], ["(?i)deploy"], [`\bhelm\s+upgrade\b`])
}

# hinted_matched_lines (organizations' rules may call it) gives what matched_lines_of gives with matchers built once.
test_hinted_matched_lines_matches_lines_of_hinted_patterns if {
	table := {`\bnpm\s+publish\b`: ["publish"]}
	text := "npm ci\nnpm publish --tag next\n"
	deploy.hinted_matched_lines(text, [`\bnpm\s+publish\b`, `\btwine\s+upload\b`], table) == ["npm publish --tag next"]
	deploy.matched_lines_of(text, deploy.line_matchers([`\bnpm\s+publish\b`], table)) == ["npm publish --tag next"]
	deploy.hinted_matched_lines(text, [`\bnpm\s+publish\b`], table) == [] with input.absent_literals as {"publish": true}
}

# runs (organizations' rules may call it): a step's commands and its plugins' image and command, each with its path.
test_runs_lists_commands_and_plugin_runs if {
	entry := {"path": ["steps", 2], "step": testing.command_step({
		"commands": ["make"],
		"plugins": [{"name": "docker", "config": {"image": "node:20", "command": "npm test"}}, {"name": "cache", "config": {}}],
	})}
	deploy.runs(entry) == {
		{"path": ["steps", 2, "commands", 0], "text": "make", "plugin": null},
		{"path": ["steps", 2, "plugins", 0], "text": "node:20 npm test", "plugin": "docker"},
	}
}
