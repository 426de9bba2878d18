# METADATA
# title: Buildkite helpers
# description: |
#   Helpers shared by the Buildkite rules: token scope allow-lists (Buildkite spells
#   scopes `read_builds` in REST and `READ_BUILDS` in GraphQL), token names and
#   exemptions, and timestamps. Time builtins do not run in the Wasm build, so dates
#   are parsed here: RFC 3339 (`2025-07-16T06:07:42.000Z`, `…+02:00`) and the REST
#   access-token format `2025-07-16 06:07:42 UTC`.
package lib.buildkite

import data.lib.dates

# scope_allowed holds when the scope matches a pattern, ignoring case; a trailing `*` matches any rest.
scope_allowed(scope, patterns) if {
	some pattern in patterns
	scope_matches(lower(scope), lower(pattern))
}

# scope_matches compares one lower-cased scope with one lower-cased pattern.
scope_matches(scope, pattern) if scope == pattern

scope_matches(scope, pattern) if {
	endswith(pattern, "*")
	startswith(scope, trim_suffix(pattern, "*"))
}

# excess_scopes lists, lower-cased and sorted, the scopes no pattern allows.
excess_scopes(scopes, patterns) := sort({lower(scope) |
	some scope in scopes
	not scope_allowed(scope, patterns)
})

# token_name is how a person recognises a token: its description, else its id.
token_name(token) := token.description if {
	is_string(token.description)
	trim_space(token.description) != ""
} else := object.get(token, "uuid", object.get(token, "id", "(no id)"))

# exempt holds when the token's uuid, id or description is listed.
exempt(token, listed) if {
	some key in ["uuid", "id", "description"]
	token[key] in listed
}

# day_seconds is the length of a day in seconds.
day_seconds := 86400

# epoch_seconds parses an RFC 3339 or `YYYY-MM-DD HH:MM:SS UTC` time to seconds since 1970; undefined when it is neither.
epoch_seconds(value) := seconds if {
	is_string(value)
	text := utc_suffix_to_z(value)
	count(text) >= 20
	substring(text, 4, 1) == "-"
	substring(text, 7, 1) == "-"
	substring(text, 10, 1) in {"T", "t", " "}
	substring(text, 13, 1) == ":"
	substring(text, 16, 1) == ":"
	year := number(substring(text, 0, 4))
	month := number(substring(text, 5, 2))
	month >= 1
	month <= 12
	day := number(substring(text, 8, 2))
	clock := ((number(substring(text, 11, 2)) * 3600) + (number(substring(text, 14, 2)) * 60)) + number(substring(text, 17, 2))
	offset := zone_offset(substring(text, 19, -1))
	seconds := ((dates.days_from_civil(year, month, day) * day_seconds) + clock) - offset
}

# age_days is how many whole days lie between the time `then` and the time `now`.
age_days(then, now) := floor((epoch_seconds(now) - epoch_seconds(then)) / day_seconds)

# utc_suffix_to_z rewrites the REST ` UTC` suffix as RFC 3339 `Z`.
utc_suffix_to_z(value) := concat("", [trim_suffix(value, " UTC"), "Z"]) if endswith(value, " UTC")

utc_suffix_to_z(value) := value if not endswith(value, " UTC")

# zone_offset reads what follows the seconds (an optional fraction, then `Z` or `±HH:MM`) as seconds east of UTC.
zone_offset(rest) := 0 if {
	upper(rest) == "Z"
} else := 0 if {
	startswith(rest, ".")
	endswith(upper(rest), "Z")
	number(trim_suffix(trim_suffix(substring(rest, 1, -1), "Z"), "z")) >= 0
} else := offset if {
	zone := substring(rest, count(rest) - 6, 6)
	substring(zone, 3, 1) == ":"
	some sign, factor in {"+": 1, "-": -1}
	substring(zone, 0, 1) == sign
	fraction := substring(rest, 0, count(rest) - 6)
	valid_fraction(fraction)
	offset := factor * ((number(substring(zone, 1, 2)) * 3600) + (number(substring(zone, 4, 2)) * 60))
}

# valid_fraction holds for no fraction or `.digits`.
valid_fraction("")

valid_fraction(fraction) if number(trim_prefix(fraction, ".")) >= 0

# number reads a string of decimal digits (leading zeros allowed); undefined otherwise.
number(digits) := 0 if {
	digits != ""
	trim_left(digits, "0") == ""
} else := to_number(trim_left(digits, "0")) if {
	digits != ""
	trim(digits, "0123456789") == ""
}
