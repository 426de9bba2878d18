# METADATA
# title: Unsafe command in an agent hook
# description: |
#   Agent hooks run around every job on the agent, with its credentials, so a hook that pipes
#   a downloaded script into a shell, turns TLS verification off or prints a secret does so
#   for every build. Hooks are read with the same detectors as pipeline commands
#   (`pipeline/remote_script_piped_to_shell`, `pipeline/tls_verification_disabled`,
#   `pipeline/secret_printed`, with their knobs), one logical line at a time.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/hooks
# custom:
#   id: agent/hook_unsafe_command
#   severity: high
#   area: 6
#   target: agent
#   remediation: Fix the hook as the message says; keep hooks in version control and review them like pipeline code.
package agent.hook_unsafe_command

import data.lib.agent
import data.lib.findings

not_applicable if not agent.is_hooks

# hooks_input: the hooks as a pipeline; every hook holds a secret (the job's BUILDKITE_AGENT_ACCESS_TOKEN).
hooks_input := {"pipeline": object.union(input.agent.hooks_pipeline, {"secrets": {"BUILDKITE_AGENT_ACCESS_TOKEN": "BUILDKITE_AGENT_ACCESS_TOKEN"}})}

detected contains f if {
	some f in data.pipeline.remote_script_piped_to_shell.deny with input as hooks_input
}

detected contains f if {
	some f in data.pipeline.tls_verification_disabled.deny with input as hooks_input
}

detected contains f if {
	some f in data.pipeline.secret_printed.deny with input as hooks_input
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("hook `%s`: %s (%s)", [input.agent.hooks[i].name, f.message, f.rule]),
	["agent", "hooks", i, "lines", j],
	f.evidence,
) if {
	agent.is_hooks
	some f in detected
	f.path[0] == "steps"
	i := f.path[1]
	f.path[2] == "commands"
	j := f.path[3]
}
