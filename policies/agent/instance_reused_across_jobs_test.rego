package agent.instance_reused_across_jobs_test

import data.agent.instance_reused_across_jobs as rule

test_default_fails if {
	count(rule.deny) == 1 with input as {"agent": {"kind": "elastic-stack", "parameters": {}}}
}

test_terminate_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "elastic-stack", "parameters": {"BuildkiteTerminateInstanceAfterJob": "true"}}}
}

test_trusted_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "elastic-stack", "parameters": {}}, "context": {"queue_trust": "trusted"}}
}

test_cfg_not_applicable if {
	rule.not_applicable with input as {"agent": {"kind": "agent-config"}}
}
