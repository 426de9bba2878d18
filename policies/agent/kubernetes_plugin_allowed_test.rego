package agent.kubernetes_plugin_allowed_test

import data.agent.kubernetes_plugin_allowed as rule

test_unset_fails if {
	count(rule.deny) == 1 with input as {"agent": {"kind": "k8s-stack", "values": {"config": {}}}}
}

test_set_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "k8s-stack", "values": {"config": {"prohibit-kubernetes-plugin": true}}}}
}

test_cfg_not_applicable if {
	rule.not_applicable with input as {"agent": {"kind": "agent-config"}}
}
