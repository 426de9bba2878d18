package pipeline.eval_injection_test

import data.lib.testing
import data.pipeline.eval_injection as rule

cmd(commands) := testing.pipeline([testing.command_step({"commands": commands})])

evidence(commands) := {f.evidence | some f in rule.deny with input as cmd(commands)}

test_eval_and_sh_c_of_variable_fail if {
	findings := rule.deny with input as cmd(["eval \"$BUILD_CMD\"", "sh -c $RAW_HOOK"])
	{[f.path, f.evidence] | some f in findings} == {
		[["steps", 0, "commands", 0], "eval \"$BUILD_CMD\""],
		[["steps", 0, "commands", 1], "sh -c $RAW_HOOK"],
	}
	some f in findings
	f.rule == "pipeline/eval_injection"
	contains(f.message, "`$BUILD_CMD`")
}

test_spellings_fail if {
	evidence([
		"set -e; eval $${DEPLOY_HOOK}; echo done",
		"bash -e -c \"$$SCRIPT\"",
		"if [ -n \"$$X\" ]; then eval \"$$POST\"; fi",
	]) == {"eval $${DEPLOY_HOOK}", "bash -e -c \"$$SCRIPT\"", "eval \"$$POST\""}
}

test_safe_forms_pass if {
	count(evidence([
		"eval \"$(ssh-agent -s)\"",
		"eval \"$$(pyenv init -)\"",
		"eval \"$BUILDKITE_COMMAND\"",
		"sh -c \"make $TARGET\"",
		"# eval \"$BUILD_CMD\"",
		"CMD=\"make test\"; eval \"$CMD\"",
		"docker run img sh -c 'echo $HOME'",
		"echo evaluate $X",
	])) == 0
}

test_variable_set_in_env_passes if {
	doc := object.union(
		testing.pipeline([
			testing.command_step({"commands": ["eval \"$$STEP_CMD\""], "env": {"STEP_CMD": "make"}}),
			testing.command_step({"commands": ["sh -c \"$$PIPE_CMD\""]}),
		]),
		{"pipeline": {"env": {"PIPE_CMD": "make"}}},
	)
	count(rule.deny) == 0 with input as doc
}

test_meta_data_variable_fails if {
	evidence(["CMD=\"$$(buildkite-agent meta-data get release-command)\"\neval \"$$CMD\""]) == {"eval \"$$CMD\""}
}
