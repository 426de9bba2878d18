# METADATA
# title: Agent token written inline
# description: |
#   An agent token written into a configuration file, an env file, stack parameters or Helm
#   values lets anyone who reads that file (a repository, a CloudFormation console, a Helm
#   release) register agents that take jobs and their secrets. Read it from a secret store
#   instead. kiteguard never prints the token.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/tokens
#   - ref: https://buildkite.com/docs/agent/v3/aws/elastic-ci-stack/ec2-linux-and-windows/template-parameters
# custom:
#   id: agent/token_inline
#   severity: high
#   area: 5
#   target: agent
#   remediation: Read the token from a secret store (`BuildkiteAgentTokenParameterStorePath` on the Elastic CI Stack, `agentStackSecret` with agent-stack-k8s, an environment variable filled by your secret manager) and rotate the token that was written down.
package agent.token_inline

import data.lib.agent
import data.lib.findings

not_applicable if agent.is_hooks

deny contains findings.finding(
	rego.metadata.chain(),
	"the agent token is written inline in `token`; read it from a secret store",
	agent.setting_path("token"),
	null,
) if {
	agent.has_settings
	input.agent.settings.token == agent.masked
}

deny contains findings.finding(
	rego.metadata.chain(),
	"the agent token is written inline in `BuildkiteAgentToken`; use `BuildkiteAgentTokenParameterStorePath`",
	agent.parameter_path("BuildkiteAgentToken"),
	null,
) if {
	agent.is_stack
	input.agent.parameters.BuildkiteAgentToken == agent.masked
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("the `%s` is written inline in the Helm values; use `agentStackSecret`", [name]),
	["agent", "values", name],
	null,
) if {
	agent.is_k8s
	some name in ["agentToken", "graphqlToken"]
	input.agent.values[name] == agent.masked
}
