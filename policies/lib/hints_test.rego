package lib.hints_test

import data.lib.hints

test_folded_maps_case_folding_letters if {
	hints.folded("Trivy ſecurity \u212Aics") == "trivy security kics"
}

test_needles_of_hinted_patterns if {
	hints.needles(["a+", "b"], {"a+": ["a"], "b": ["b", "c"]}) == ["a", "b", "c"]
	hints.needles([], {}) == []
}

test_no_prefilter_when_a_pattern_has_no_hints if {
	hints.needles(["a+", "custom"], {"a+": ["a"]}) == null
	hints.needles(["a+"], {"a+": []}) == null
	hints.needles("a+", {"a+": ["a"]}) == null
}

test_possible if {
	hints.possible("anything", null)
	hints.possible("run trivy", ["grype", "trivy"])
	not hints.possible("run make", ["grype", "trivy"])
	not hints.possible("run make", [])
}

test_needles_skip_hints_the_input_lacks if {
	hints.needles(["a+", "b"], {"a+": ["a"], "b": ["b", "c"]}) == ["a", "c"] with input.absent_literals as {"b": true}
	hints.needles(["a+"], {"a+": ["a"]}) == [] with input.absent_literals as {"a": true}
	hints.needles(["a+", "custom"], {"a+": ["a"]}) == null with input.absent_literals as {"a": true}
}

test_reachable_keeps_patterns_whose_hints_occur if {
	hints.reachable(["a+", "b", "c"], {"a+": ["a"], "b": ["b", "x"], "c": ["c"]}) == ["a+", "b"]
		with input.absent_literals as {"c": true}
	hints.reachable(["a+", "custom"], {"a+": ["a"]}) == ["a+", "custom"] with input.absent_literals as {"a": true}
	hints.reachable(["a+"], {"a+": ["a"]}) == ["a+"]
}

test_split_joins_patterns_with_the_same_hints if {
	hints.split(["a+", "b", "x"], {"a+": ["a"], "b": ["a"], "x": ["x", "y"]}) == [
		{"pattern": "(?:a+)|(?:b)", "needles": ["a"]},
		{"pattern": "(?:x)", "needles": ["y"]},
	] with input.absent_literals as {"x": true}
	hints.split(["a+", "custom"], {"a+": ["a"]}) == null
	hints.split("a+", {"a+": ["a"]}) == null
}
