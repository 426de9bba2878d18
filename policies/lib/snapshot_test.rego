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
