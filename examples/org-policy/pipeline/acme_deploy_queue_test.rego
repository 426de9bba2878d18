package pipeline.acme_deploy_queue_test

import data.lib.testing
import data.pipeline.acme_deploy_queue

deploy_step(agents) := testing.command_step({"label": "Deploy production", "commands": ["kubectl apply -f k8s/"], "agents": agents})

test_deploy_on_shared_queue_fails if {
	findings := acme_deploy_queue.deny with input as testing.pipeline([deploy_step({"queue": "builders"})])
	count(findings) == 1
	some f in findings
	f.rule == "acme/deploy_queue"
	f.path == ["steps", 0, "agents", "queue"]
	f.message == "deploy step `Deploy production` runs on the `builders` queue, not on the `deploy` queue"
}

test_deploy_on_default_queue_fails if {
	findings := acme_deploy_queue.deny with input as testing.pipeline([deploy_step({})])
	{f.path | some f in findings} == {["steps", 0]}
}

test_deploy_on_deploy_queue_passes if {
	count(acme_deploy_queue.deny) == 0 with input as testing.pipeline([deploy_step({"queue": "deploy"})])
}

test_build_step_passes if {
	step := testing.command_step({"label": "Build", "commands": ["make"], "agents": {"queue": "builders"}})
	count(acme_deploy_queue.deny) == 0 with input as testing.pipeline([step])
}

test_queue_knob_applies if {
	count(acme_deploy_queue.deny) == 0 with input as testing.pipeline([deploy_step({"queue": "prod"})])
		with data.config.rules as {"acme/deploy_queue": {"deploy_queue": "prod"}}
}
