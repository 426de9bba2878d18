package buildkite.pipeline_open_to_everyone_test

import data.buildkite.pipeline_open_to_everyone

denied := {"status": "unavailable", "reason": "GraphQL access denied", "needs": "graphql"}

ok(value) := {"status": "ok", "data": value}

target(teams) := {"buildkite_pipeline": {"org": "acme", "pipeline": {"slug": "legacy-deploy"}, "teams": teams}}

people(n) := ok([{"role": "MEMBER", "user": {"uuid": sprintf("u-%d", [i])}} | some i in numbers.range(1, n)])

entry(slug, is_default, level, members) := {"team": {"slug": slug, "default": is_default}, "accessLevel": level, "members": members}

test_default_team_that_builds_fails if {
	findings := pipeline_open_to_everyone.deny with input as target(ok([entry("everyone", true, "BUILD_AND_READ", people(2)), entry("platform", false, "MANAGE_BUILD_AND_READ", people(1))]))
	count(findings) == 1
	some f in findings
	f.message == "the organization's default team `everyone` can build pipeline `legacy-deploy` (BUILD_AND_READ), so every member can run it"
	f.path == ["buildkite_pipeline", "teams", "data", 0]
}

test_rest_spelling_of_access_levels if {
	count(pipeline_open_to_everyone.deny) == 1 with input as target(ok([entry("everyone", true, "build_and_read", denied)]))
	count(pipeline_open_to_everyone.unknown) == 0 with input as target(ok([entry("everyone", true, "build_and_read", denied)]))
}

test_default_team_read_only_passes if {
	count(pipeline_open_to_everyone.deny) == 0 with input as target(ok([entry("everyone", true, "READ_ONLY", denied), entry("platform", false, "MANAGE_BUILD_AND_READ", people(3))]))
}

test_large_team_fails if {
	knobs := {"buildkite/pipeline_open_to_everyone": {"max_team_size": 2}}
	findings := pipeline_open_to_everyone.deny with input as target(ok([entry("engineering", false, "BUILD_AND_READ", people(3))])) with data.config.rules as knobs
	{f.message | some f in findings} == {"team `engineering` has 3 members (more than 2) and can build pipeline `legacy-deploy` (BUILD_AND_READ)"}
	count(pipeline_open_to_everyone.deny) == 0 with input as target(ok([entry("engineering", false, "BUILD_AND_READ", people(3))]))
}

test_no_team_fails if {
	findings := pipeline_open_to_everyone.deny with input as target(ok([]))
	{f.message | some f in findings} == {"no team has access to pipeline `legacy-deploy`, so no team owns it"}
}

test_hidden_members_are_unknown if {
	hidden := target(ok([entry("engineering", false, "BUILD_AND_READ", denied), entry("docs", false, "READ_ONLY", denied)]))
	count(pipeline_open_to_everyone.deny) == 0 with input as hidden
	pipeline_open_to_everyone.unknown == {"members of team `engineering` not visible: GraphQL access denied (needs graphql)"} with input as hidden
}

test_hidden_teams_are_unknown if {
	count(pipeline_open_to_everyone.deny) == 0 with input as target(denied)
	pipeline_open_to_everyone.unknown == {"the teams with access to this pipeline not visible: GraphQL access denied (needs graphql)"} with input as target(denied)
}

test_not_applicable_without_settings if {
	pipeline_open_to_everyone.not_applicable with input as {"pipeline": {"steps": []}}
	count(pipeline_open_to_everyone.unknown) == 0 with input as {"pipeline": {"steps": []}}
}

test_building_team_without_its_default_flag_is_unknown if {
	inp := target(ok([{"team": {"slug": "everyone"}, "accessLevel": "BUILD_AND_READ", "members": people(2)}]))
	count(pipeline_open_to_everyone.deny) == 0 with input as inp
	pipeline_open_to_everyone.unknown == {"whether team `everyone` is the organization's default team was not returned"} with input as inp
}

test_unread_default_flag_is_unknown_with_the_reason if {
	unread := {"status": "unavailable", "reason": "`default` was null"}
	inp := target(ok([entry("platform", unread, "BUILD_AND_READ", people(2))]))
	count(pipeline_open_to_everyone.deny) == 0 with input as inp
	pipeline_open_to_everyone.unknown == {"whether team `platform` is the organization's default team not visible: `default` was null"} with input as inp
}
