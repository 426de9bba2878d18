# METADATA
# title: Deploy steps off the deploy queue
# description: |
#   At Acme, only agents of the `deploy` queue hold production credentials, and no
#   pull-request build can reach them. A step that deploys (by its label or key, or by a
#   deploy command such as `kubectl apply` or `terraform apply`) must target that queue,
#   on the step or at pipeline level.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/queues
# custom:
#   id: acme/deploy_queue
#   severity: high
#   area: 6
#   target: pipeline
#   remediation: Set `agents.queue` of the deploy step to the deploy queue.
#   config:
#     deploy_queue:
#       default: deploy
#       description: The queue every deploy step must run on.
#     deploy_label_patterns:
#       default: ['(?i)(deploy|roll-?out|promote|release)']
#       description: Regular expressions on a step's label or key that mark it as a deploy step.
#     deploy_command_patterns:
#       default: ['(?i)\b(kubectl\s+(apply|rollout)|helm\s+(upgrade|install)|terraform\s+apply)']
#       description: Regular expressions on a step's commands that mark it as a deploy step.
package pipeline.acme_deploy_queue

import data.lib.deploy
import data.lib.findings
import data.lib.pipeline

knobs := findings.knobs(rego.metadata.chain())

# A deploy step whose queue (its own, else the pipeline's) is not the deploy queue.
deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("deploy step `%s` runs on %s, not on the `%s` queue", [pipeline.step_name(entry), queue_label(entry.step), knobs.deploy_queue]),
	finding_path(entry),
	queue_label(entry.step),
) if {
	some entry in deploy.deploy_steps(knobs.deploy_label_patterns, knobs.deploy_command_patterns)
	effective_queue(entry.step) != knobs.deploy_queue
}

# effective_queue is the step's queue, or "" for the default queue.
effective_queue(step) := queue if {
	queue := deploy.queue_of(step)
} else := ""

# queue_label names the queue a step runs on, for the message and evidence.
queue_label(step) := sprintf("the `%s` queue", [deploy.queue_of(step)])

queue_label(step) := "the default queue" if not deploy.queue_of(step)

# finding_path points at the step's own queue when it sets one, else at the step.
finding_path(entry) := array.concat(entry.path, ["agents", "queue"]) if {
	is_string(deploy.own_queue(entry.step))
} else := entry.path
