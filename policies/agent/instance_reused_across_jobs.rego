# METADATA
# title: Instances on an untrusted queue run more than one job
# description: |
#   A job on an untrusted queue can leave something behind (a changed tool, a poisoned cache,
#   a background process) that the next job on the same instance runs into. Terminating the
#   instance after each job gives every job a clean machine.
#   Trusted queues (`--queue-trust trusted`, or `trusted_queues`) are not reported.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/v3/aws/elastic-ci-stack/ec2-linux-and-windows/template-parameters
#   - ref: https://buildkite.com/docs/agent/v3/aws/elastic-ci-stack/ec2-linux-and-windows/security
# custom:
#   id: agent/instance_reused_across_jobs
#   severity: high
#   area: 6
#   target: agent
#   remediation: Set `BuildkiteTerminateInstanceAfterJob=true` on stacks that serve untrusted queues.
#   config:
#     trusted_queues:
#       default: []
#       description: Regular expressions on queue names that only run trusted code (when `--queue-trust` is not given; other queues are untrusted).
package agent.instance_reused_across_jobs

import data.lib.agent
import data.lib.findings

knobs := findings.knobs(rego.metadata.chain())

not_applicable if not agent.is_stack

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("`BuildkiteTerminateInstanceAfterJob` is `%s`%s: instances of this untrusted queue run job after job", [value, agent.written_note("BuildkiteTerminateInstanceAfterJob")]),
	agent.parameter_path("BuildkiteTerminateInstanceAfterJob"),
	value,
) if {
	agent.is_stack
	not agent.trusted(knobs)
	value := agent.parameter("BuildkiteTerminateInstanceAfterJob")
	value != "true"
}
