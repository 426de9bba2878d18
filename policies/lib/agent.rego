# METADATA
# title: Agent helpers
# description: |
#   Reading the normalized agent input (`input.agent`): which kind of file it is, agent
#   settings, Elastic CI Stack parameters with the template's defaults, queue trust, and
#   the agent version each setting needs.
package lib.agent

# settings_kinds: the files that hold agent settings.
settings_kinds := {"agent-config", "agent-env", "k8s-stack"}

# has_settings holds for files that hold agent settings.
has_settings if input.agent.kind in settings_kinds

# is_stack holds for Elastic CI Stack for AWS parameters.
is_stack if input.agent.kind == "elastic-stack"

# is_k8s holds for agent-stack-k8s Helm values.
is_k8s if input.agent.kind == "k8s-stack"

# is_hooks holds for an agent hooks folder.
is_hooks if input.agent.kind == "hooks"

# masked is how the host hands over a credential written inline.
masked := "<masked>"

# setting_path is where a setting is written (or the file, when it is not).
setting_path(name) := ["agent", "settings", name]

# parameter_path is where a stack parameter is written (or the file, when it is not).
parameter_path(name) := ["agent", "parameters", name]

# enabled holds when a boolean setting is on.
enabled(name) if input.agent.settings[name] == true

# stack_defaults: the Elastic CI Stack template's defaults for the parameters the rules read.
stack_defaults := {
	"AssociatePublicIpAddress": "true",
	"AuthorizedUsersUrl": "",
	"BuildkiteAgentToken": "",
	"BuildkiteAgentTokenParameterStorePath": "",
	"BuildkiteTerminateInstanceAfterJob": "false",
	"IMDSv2Tokens": "optional",
	"KeyName": "",
	"PipelineSigningKMSAccess": "sign-and-verify",
	"PipelineSigningKMSKeyId": "",
	"PipelineSigningKMSKeySpec": "none",
	"PipelineSigningVerificationFailureBehavior": "block",
	"RootVolumeEncrypted": "false",
}

# parameter is a stack parameter as written, else the template default.
parameter(name) := object.get(input.agent.parameters, name, stack_defaults[name])

# written_note says when a parameter's value is the template default.
written_note(name) := "" if {
	_ = input.agent.parameters[name]
} else := " (not set, so the template default applies)"

# trusted holds when the queue is trusted: named by --queue-trust, else matched by a `trusted_queues` pattern.
trusted(_) if input.context.queue_trust == "trusted"

trusted(knobs) if {
	not input.context.queue_trust
	some pattern in knobs.trusted_queues
	regex.match(pattern, input.agent.queue)
}

# queue_label names the queue in messages.
queue_label := sprintf("queue `%s`", [input.agent.queue]) if input.agent.queue

else := "this queue"

# min_versions: the first agent release that enforces each setting.
min_versions := {
	"allowed-repositories": "3.56.0",
	"allowed-plugins": "3.58.0",
	"verification-failure-behavior": "3.59.0",
	"allowed-environment-variables": "3.62.0",
	"git-commit-verification": "3.128.0",
}

# too_old holds when the known agent version is older than the first release that enforces a setting.
too_old(name) if version_number(input.agent.version) < version_number(min_versions[name])

# version_note is appended to a finding whose fix the known agent version cannot enforce.
version_note(name) := sprintf("; agent %s cannot enforce `%s` (it needs %s or later)", [input.agent.version, name, min_versions[name]]) if {
	too_old(name)
} else := ""

# version_number orders versions: major, minor and patch as one number.
version_number(v) := sum([n |
	some i, p in split(split(trim_prefix(v, "v"), "-")[0], ".")
	i < 3
	n := to_number(p) * pow(1000, 2 - i)
])

pow(_, 0) := 1

pow(b, 1) := b

pow(b, 2) := b * b

# anchored holds for a pattern that matches whole names only (`^…$`).
anchored(pattern) if {
	startswith(pattern, "^")
	endswith(pattern, "$")
}
