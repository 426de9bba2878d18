package agent.git_commit_verification_not_strict_test

import data.agent.git_commit_verification_not_strict as rule

test_unset_fails if {
	some f in rule.deny with input as {"agent": {"kind": "agent-config", "settings": {}}}
	f.evidence == "unset"
}

test_strict_passes if {
	count(rule.deny) == 0 with input as {"agent": {"kind": "agent-config", "settings": {"git-commit-verification": "strict"}}}
}

test_hooks_not_applicable if {
	rule.not_applicable with input as {"agent": {"kind": "hooks"}}
}
