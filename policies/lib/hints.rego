# METADATA
# title: Literal prefilters for regular expressions
# description: |
#   OPA's Wasm runtime compiles every regular expression an evaluation reaches, once per
#   evaluation. A rule lists, per pattern, lower-case literal strings ("hints") one of which
#   every match of that pattern contains; a text none of whose hints occur cannot match, so
#   its regular expression is not reached. A pattern without hints (a knob override) turns
#   the prefilter off for its list, so overrides never lose matches.
package lib.hints

import data.lib.pipeline

# folded is text as hints are tested against: lower case, with the two non-ASCII letters that
# `(?i)` matches as ASCII ones (long s U+017F, Kelvin sign U+212A) turned into `s` and `k`.
# Each replacement runs only on a text that holds its letter: a copy per text costs heap on large pipelines.
folded(text) := unfold("K", "k", unfold("ſ", "s", lower(text)))

unfold(letter, ascii, text) := replace(text, letter, ascii) if contains(text, letter)

else := text

# needles: every hint of every pattern in the list that may occur in the input (see occurs),
# when each pattern has hints in table; null (no prefilter) when one has none or the list is
# not an array. No text holds a hint that the input does not, so only those are looked for.
needles(patterns, table) := [needle |
	some pattern in patterns
	some needle in table[pattern]
	occurs(needle)
] if {
	is_array(patterns)
	every pattern in patterns {
		is_array(table[pattern])
		count(table[pattern]) > 0
	}
} else := null

# reachable: the patterns of the list that may match a text of the input, so a rule compiles a
# smaller alternation: those with a hint that occurs (see occurs), when each pattern has hints
# in table; the whole list otherwise. A pattern left out cannot match: its hints occur nowhere.
reachable(patterns, table) := [pattern |
	some pattern in patterns
	any_occurs(table[pattern])
] if {
	is_array(patterns)
	every pattern in patterns {
		is_array(table[pattern])
		count(table[pattern]) > 0
	}
} else := patterns

any_occurs(needles) if {
	some needle in needles
	occurs(needle)
}

# occurs holds when a hint may occur in the input's texts: unless the host lists it in
# `input.absent_literals`, the hints it looked for and found in none of the input's strings
# and keys once folded (a hint that spans a space, `=` or newline, which rules use to join
# strings, is never listed). Without that table every hint may occur.
occurs(needle) if not input.absent_literals[needle]

# possible holds when a folded text may match: no prefilter (null), or one of the needles occurs.
possible(_, null)

possible(text, needles) if {
	some needle in needles
	contains(text, needle)
}

# hinted_match is lib.pipeline.matches_any behind the prefilter of table: text is matched
# against the patterns only when it may match.
hinted_match(text, patterns, table) if matches(text, matcher(patterns, table))

# matcher: a pattern list with its prefilter, for matches: with hints for every pattern, those
# that may match one by one with their hints (split); otherwise (split null) the one alternation
# of the whole list. A rule builds it once instead of once per text.
matcher(patterns, table) := matcher_of(patterns, split(patterns, table))

matcher_of(patterns, null) := {"split": null, "pattern": pipeline.any_of(patterns)}

matcher_of(_, entries) := {"split": entries} if entries != null

# matches holds when text matches one of a matcher's patterns (tested only when it may).
matches(text, m) if matches_folded(text, folded(text), m)

# matches_folded is matches for a text already folded: with hints for every pattern (split),
# each pattern is matched on its own and only when the text holds one of its hints, so a text
# compiles only the patterns it may match instead of the whole alternation; without, the
# alternation is matched.
matches_folded(text, _, m) if {
	m.split == null
	regex.match(m.pattern, text)
}

matches_folded(text, text_folded, m) if split_match(text, text_folded, m.split)

# split: the patterns of the list that may match (see reachable) with their hints that may
# occur (see occurs), when each pattern has hints in table; null (no per-pattern prefilter)
# otherwise. Patterns with the same hints are joined into one alternation: a text holding those
# hints compiles one expression for them, not one each. Each pattern and hint is looked up once.
split(patterns, table) := split_of(listed(patterns, table), count(patterns)) if is_array(patterns)

else := null

# listed: the patterns of the list that have hints in table, with them.
listed(patterns, table) := [{"pattern": pattern, "hints": pattern_hints} |
	some pattern in patterns
	pattern_hints := table[pattern]
	is_array(pattern_hints)
	count(pattern_hints) > 0
]

# split_of is split for the listed patterns of a list of n: null unless every one is listed.
split_of(entries, n) := [{"pattern": pipeline.any_of([entry.pattern | some entry in present; entry.needles == needles]), "needles": needles} |
	present := present_hints(entries)
	some needles in {entry.needles | some entry in present}
] if count(entries) == n

else := null

# present_hints: each listed pattern with its hints that may occur, when one may.
present_hints(entries) := [{"pattern": entry.pattern, "needles": present} |
	some entry in entries
	present := [needle | some needle in entry.hints; occurs(needle)]
	count(present) > 0
]

# split_match holds when text (folded: text_folded) matches one of the patterns of a split list,
# matching only the patterns one of whose hints the text holds.
split_match(text, text_folded, entries) if {
	is_array(entries)
	some entry in entries
	possible(text_folded, entry.needles)
	regex.match(entry.pattern, text)
}
