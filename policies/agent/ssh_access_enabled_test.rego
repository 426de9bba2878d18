package agent.ssh_access_enabled_test

import data.agent.ssh_access_enabled as rule

test_key_and_url_fail if {
	count(rule.deny) == 2 with input as {"agent": {"kind": "elastic-stack", "parameters": {"KeyName": "k", "AuthorizedUsersUrl": "s3://b/keys"}}}
}

test_defaults_pass if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "elastic-stack", "parameters": {}}}
}

test_cfg_not_applicable if {
	rule.not_applicable with input as {"agent": {"kind": "agent-config"}}
}
