package lib.snapshot_test

import data.lib.snapshot

test_why_names_what_is_needed if {
	snapshot.why("teams", {"status": "unavailable", "reason": "403 Forbidden", "needs": "read_teams"}) == "teams not visible: 403 Forbidden (needs read_teams)"
}

test_why_without_needs if {
	snapshot.why("teams", {"status": "unavailable", "reason": "502 Bad Gateway", "http_status": 502}) == "teams not visible: 502 Bad Gateway"
}

test_why_is_undefined_for_available_sections if {
	not snapshot.why("teams", {"status": "ok", "data": []})
}

test_field_unavailable_in_place_or_on_the_way if {
	gone := {"status": "unavailable", "reason": "`provider` was null"}
	snapshot.field_unavailable({"provider": gone}, ["provider", "settings"])
	snapshot.field_unavailable({"provider": {"settings": gone}}, ["provider", "settings"])
	not snapshot.field_unavailable({"provider": {"settings": {}}}, ["provider", "settings"])
	not snapshot.field_unavailable({}, ["provider", "settings"])
	snapshot.field_why("the provider", {"provider": gone}, ["provider", "id"]) == "the provider not visible: `provider` was null"
}
