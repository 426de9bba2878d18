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
