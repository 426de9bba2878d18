# METADATA
# title: Queue not isolated
# description: |
#   Command steps that name no `agents.queue` (on the step or at pipeline level) land on
#   the default queue, shared with everything else that names none. Deploy steps that
#   run on the same queue as steps which also run on untrusted pull-request builds share
#   agents, and what deploys leave on them, with PR code. A step counts as running on
#   pull-request builds unless it (or its group) has a `branches:` filter or an `if:` that
#   requires a branch, tag or team (`trusted_if_patterns`). A step with no queue that
#   selects an ephemeral VM or pod by another agent tag (`ephemeral_agent_tags`, such as an
#   agent-stack-k8s `image`) or through the `kubernetes` plugin gets a fresh agent per job
#   and is not reported for the missing queue.
# related_resources:
#   - ref: https://buildkite.com/docs/agent/queues
#   - ref: https://buildkite.com/docs/pipelines/security/clusters
# custom:
#   id: pipeline/queue_not_isolated
#   severity: medium
#   area: 6
#   target: pipeline
#   remediation: Give every command step an explicit `agents.queue`, and run deploy steps on a dedicated queue that no pull-request build can reach.
#   config:
#     require_queue:
#       default: true
#       description: Report command steps that target no queue at all (step or pipeline `agents.queue`).
#     ephemeral_agent_tags:
#       default: ["image", "container_image", "machine_type", "instance_type"]
#       description: Agent tags that select a fresh VM or pod for each job.
#     deploy_label_patterns:
#       default: ['(?i)(deploy|roll-?out|promote|release-to|to-prod)']
#       description: Regular expressions on a step's label or key that mark it as a deploy step.
#     deploy_command_patterns:
#       default: ['(?i)\b(kubectl\s+(apply|rollout|set\s+image|replace)|helm\s+(upgrade|install)|terraform\s+apply|cdk\s+deploy|(serverless|sls)\s+deploy|aws\s+(ecs\s+update-service|cloudformation\s+deploy|lambda\s+update-function-code)|gcloud\s+(run|app|functions)\s+deploy|flyctl?\s+deploy|vercel\s+(--prod|deploy)|netlify\s+deploy|ansible-playbook)']
#       description: Regular expressions on a step's commands that mark it as a deploy step.
#     trusted_if_patterns:
#       default: ['build\.(branch|tag)\s*(==|=~)', 'build\.tag\s*!=\s*null', 'build\.pull_request\.id\s*==\s*null', 'build\.creator\.teams\s+includes', 'build\.source\s*==']
#       description: Regular expressions on a step's `if:` that keep it off pull-request builds.
package pipeline.queue_not_isolated

import data.lib.deploy
import data.lib.findings
import data.lib.pipeline
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

# A command step with no queue anywhere: it runs on the default queue. Deploy steps
# reported below for sharing the default queue are not reported twice.
deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("command step `%s` sets no `agents.queue`, so it runs on the default queue; name a queue", [pipeline.step_name(entry)]),
	no_queue_path(entry),
	pipeline.step_name(entry),
) if {
	knobs.require_queue == true
	some entry in pipeline.command_steps
	not deploy.queue_of(entry.step)
	not ephemeral(entry.step)
	not shared_deploy_paths[entry.path]
}

# ephemeral: the step selects a fresh VM or pod per job, by an agent tag or the kubernetes plugin.
ephemeral(step) if {
	some tag in knobs.ephemeral_agent_tags
	object.get(object.union(object.get(input.pipeline, "agents", {}), step.agents), tag, null) != null
}

ephemeral(step) if {
	some plugin in step.plugins
	plugin.name == "kubernetes"
}

# A deploy step on a queue that also runs steps of pull-request builds.
deny contains findings.finding(
	rego.metadata.chain(),
	sprintf(
		"deploy step `%s` runs on the `%s` queue, shared with %s on pull-request builds (e.g. `%s`); move it to a queue no pull-request build uses",
		[pipeline.step_name(shared.entry), queue_label(shared.queue), plural(count(shared.others)), pipeline.step_name(shared.example)],
	),
	deploy_path(shared.entry),
	queue_label(shared.queue),
) if {
	not pull_requests_unread
	some shared in shared_deploys
}

# Deploy steps share a queue with other steps, but whether the pipeline builds pull requests was not read.
unknown contains snapshot.field_why("whether the pipeline builds pull requests", input.context.pipeline, ["provider", "settings"]) if {
	pull_requests_unread
	count(shared_deploys) > 0
}

# pull_requests_unread: the collector left the pipeline's provider settings unavailable.
pull_requests_unread if snapshot.field_unavailable(input.context.pipeline, ["provider", "settings"])

# shared_deploys: deploy steps whose queue also runs unrestricted (pull-request) steps.
shared_deploys contains {"entry": entry, "queue": queue, "others": others, "example": first_by_order(others)} if {
	not pull_requests_disabled
	some entry in deploy.deploying_steps(deploy.matchers(knobs.deploy_label_patterns, knobs.deploy_command_patterns))
	queue := effective_queue(entry.step)
	others := [other |
		some other in pipeline.command_steps
		other.path != entry.path
		not deploy.restricted(other, knobs.trusted_if_patterns)
		effective_queue(other.step) == queue
	]
	count(others) > 0
}

shared_deploy_paths contains shared.entry.path if some shared in shared_deploys

# effective_queue is the step's queue, or "" for the default queue.
effective_queue(step) := q if q := deploy.queue_of(step)

effective_queue(step) := "" if not deploy.queue_of(step)

queue_label(queue) := queue if queue != ""

queue_label("") := "default"

plural(1) := "1 step that also runs"

plural(n) := sprintf("%d steps that also run", [n]) if n != 1

first_by_order(entries) := e if {
	lowest := min({deploy.order(x.path) | some x in entries})
	some e in entries
	deploy.order(e.path) == lowest
}

no_queue_path(entry) := array.concat(entry.path, ["agents"]) if count(entry.step.agents) > 0

no_queue_path(entry) := entry.path if count(entry.step.agents) == 0

deploy_path(entry) := array.concat(entry.path, ["agents", "queue"]) if {
	is_string(deploy.own_queue(entry.step))
} else := entry.path

# pull_requests_disabled: the Buildkite pipeline is known not to build pull requests.
pull_requests_disabled if input.context.pipeline.provider.settings.build_pull_requests == false
