package lib.secrets_test

import data.lib.secrets

test_segments_split_on_separators if {
	secrets.segments(" a; b && c | d ") == ["a", "b", "c", "d"]
	secrets.segments("a;;  ;b") == ["a", "b"]
}

test_segments_of_a_simple_line if {
	secrets.segments("  make test ") == ["make test"]
	secrets.segments("   ") == []
	secrets.segments("") == []
}

test_secret_like_names_with_and_without_hints if {
	secrets.secret_like_name("github-token", ["TOKEN"], ["_(ID|IDS)$"])
	not secrets.secret_like_name("GITHUB_TOKEN_ID", ["TOKEN"], ["_(ID|IDS)$"])
	secrets.secret_like_name("MY_CUSTOM", ["CUSTOM"], [])
	not secrets.secret_like_name("MY_CUSTOM_X", ["CUSTOM"], ["_X$"])
	not secrets.secret_like_name("SERVICE", ["TOKEN", "SECRET"], [])
}

test_detectors_whose_hints_the_input_lacks_are_not_live if {
	ids := {d.id | some d in secrets.live_detectors} with input.absent_literals as {"akia": true, "asia": true, "eyj": true}
	not "aws_access_key_id" in ids
	not "jwt" in ids
	"github_token" in ids
	count(secrets.detections("AKIAIOSFODNN7EXAMPLE", [], [])) == 0 with input.absent_literals as {"akia": true, "asia": true}
	count(secrets.live_detectors) == count(secrets.detectors)
}
