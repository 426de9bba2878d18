# METADATA
# title: Pipelines may bring their own pod spec
# description: |
#   agent-stack-k8s lets a job's `kubernetes` plugin patch the pod it runs in (image,
#   service account, volumes, privileges) unless `prohibit-kubernetes-plugin` is set; the
#   plugin is read by the controller, so agent settings such as `no-command-eval` do not stop it.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/agent-stack-k8s/securing-the-stack
# custom:
#   id: agent/kubernetes_plugin_allowed
#   severity: high
#   area: 6
#   target: agent
#   remediation: Set `config.prohibit-kubernetes-plugin=true` in the Helm values and define the pod with the controller's `pod-spec-patch`.
package agent.kubernetes_plugin_allowed

import data.lib.agent
import data.lib.findings

not_applicable if not agent.is_k8s

deny contains findings.finding(
	rego.metadata.chain(),
	"jobs may patch their own pod through the `kubernetes` plugin: `config.prohibit-kubernetes-plugin` is not `true`",
	["agent", "values", "config", "prohibit-kubernetes-plugin"],
	null,
) if {
	agent.is_k8s
	not input.agent.values.config["prohibit-kubernetes-plugin"] == true
}
