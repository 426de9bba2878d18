package lib.buildkite_test

import data.lib.buildkite

test_scopes_compare_without_case if {
	buildkite.scope_allowed("READ_BUILDS", ["read_builds"])
	buildkite.scope_allowed("read_builds", ["READ_*"])
	not buildkite.scope_allowed("WRITE_BUILDS", ["read_*"])
	buildkite.excess_scopes(["READ_BUILDS", "WRITE_BUILDS", "GRAPHQL", "write_builds"], ["read_*"]) == ["graphql", "write_builds"]
}

test_token_name_prefers_description if {
	buildkite.token_name({"uuid": "u-1", "description": "ci"}) == "ci"
	buildkite.token_name({"uuid": "u-1", "description": " "}) == "u-1"
	buildkite.token_name({"id": "t-1", "description": null}) == "t-1"
	buildkite.token_name({}) == "(no id)"
}

test_exempt_by_uuid_id_or_description if {
	buildkite.exempt({"uuid": "u-1"}, ["u-1"])
	buildkite.exempt({"id": "t-1"}, ["t-1"])
	buildkite.exempt({"uuid": "u-2", "description": "kiteguard"}, ["kiteguard"])
	not buildkite.exempt({"uuid": "u-2", "description": "ci"}, ["kiteguard"])
}

test_epoch_seconds_of_both_formats if {
	buildkite.epoch_seconds("1970-01-01T00:00:00Z") == 0
	buildkite.epoch_seconds("2025-07-16T06:07:42.000Z") == 1752646062
	buildkite.epoch_seconds("2025-07-16 06:07:42 UTC") == 1752646062
	buildkite.epoch_seconds("2025-07-16T08:07:42+02:00") == 1752646062
	buildkite.epoch_seconds("2025-07-16T01:07:42.5-05:00") == 1752646062
	buildkite.epoch_seconds("2000-02-29T00:00:00z") == 951782400
	buildkite.epoch_seconds("2024-03-01T00:00:00Z") == 1709251200
}

test_epoch_seconds_rejects_other_text if {
	not buildkite.epoch_seconds("yesterday")
	not buildkite.epoch_seconds("2025-13-01T00:00:00Z")
	not buildkite.epoch_seconds("2025-07-16T06:07:42")
	not buildkite.epoch_seconds("2025-07-16T06:07:42.x1Z")
	not buildkite.epoch_seconds("2025-07-16T06:07:42+0200")
	not buildkite.epoch_seconds("2025-07-16T06:07:42.12+02:00x")
	not buildkite.epoch_seconds("2025-0x-16T06:07:42Z")
	not buildkite.epoch_seconds(null)
}

test_age_days_counts_whole_days if {
	buildkite.age_days("2025-07-16 06:07:42 UTC", "2025-12-01T00:00:00Z") == 137
	buildkite.age_days("2025-11-30T00:00:01Z", "2025-12-01T00:00:00Z") == 0
}
