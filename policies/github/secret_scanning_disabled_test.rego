package github.secret_scanning_disabled_test

import data.github.secret_scanning_disabled
import data.lib.github_testing as t

test_enabled_passes if {
	count(secret_scanning_disabled.deny) == 0 with input as t.repo_input({})
	count(secret_scanning_disabled.unknown) == 0 with input as t.repo_input({})
}

test_each_disabled_feature_fails if {
	inp := t.repo_input({"security_and_analysis": t.ok({"secret_scanning": {"status": "disabled"}})})
	findings := secret_scanning_disabled.deny with input as inp
	{f.message | some f in findings} == {"secret scanning is not enabled for `acme/web`"}
	{f.evidence | some f in findings} == {"secret_scanning: disabled"}
	secret_scanning_disabled.unknown == {"the `secret_scanning_push_protection` status of `acme/web` was not returned"} with input as inp
}

test_push_protection_alone_off_fails if {
	inp := t.repo_input({"security_and_analysis": t.ok({"secret_scanning": {"status": "enabled"}, "secret_scanning_push_protection": {"status": "disabled"}})})
	[f.path | some f in secret_scanning_disabled.deny] == [["repository", "security_and_analysis", "data", "secret_scanning_push_protection", "status"]] with input as inp
}

test_not_visible_is_unknown if {
	inp := t.repo_input({"security_and_analysis": t.hidden})
	count(secret_scanning_disabled.deny) == 0 with input as inp
	secret_scanning_disabled.unknown == {"the security settings of `acme/web` not visible: 502 Bad Gateway"} with input as inp
}

test_archived_not_applicable if {
	secret_scanning_disabled.not_applicable with input as t.repo_input({"repository": t.ok(t.basics({"isArchived": true}))})
}

test_one_unavailable_feature_leaves_the_other_judged if {
	unread := {"status": "unavailable", "reason": "`secret_scanning` came back without its status"}
	inp := t.repo_input({"security_and_analysis": t.ok({"secret_scanning": unread, "secret_scanning_push_protection": {"status": "disabled"}})})
	{f.message | some f in secret_scanning_disabled.deny} == {"secret scanning push protection is not enabled for `acme/web`"} with input as inp
	secret_scanning_disabled.unknown == {"the `secret_scanning` status of `acme/web` not visible: `secret_scanning` came back without its status"} with input as inp
}

test_one_unavailable_feature_never_passes if {
	unread := {"status": "unavailable", "reason": "`secret_scanning` came back null"}
	inp := t.repo_input({"security_and_analysis": t.ok({"secret_scanning": unread, "secret_scanning_push_protection": {"status": "enabled"}})})
	count(secret_scanning_disabled.deny) == 0 with input as inp
	count(secret_scanning_disabled.unknown) == 1 with input as inp
}

test_unread_archived_flag_says_so if {
	unread := {"status": "unavailable", "reason": "isArchived: Something went wrong"}
	inp := t.repo_input({"repository": t.ok(t.basics({"isArchived": unread})), "security_and_analysis": t.ok({"secret_scanning": {"status": "enabled"}, "secret_scanning_push_protection": {"status": "enabled"}})})
	count(secret_scanning_disabled.deny) == 0 with input as inp
	secret_scanning_disabled.unknown == {"whether `acme/web` is archived not visible: isArchived: Something went wrong"} with input as inp
}
