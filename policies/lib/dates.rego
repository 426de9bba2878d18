# METADATA
# title: Date helpers
# description: |
#   Whole-day date arithmetic for rules that compare timestamps with `input.now`. The
#   `time.*` builtins do not run in the Wasm build, so the calendar date at the start of
#   a timestamp (`2025-01-01T00:00:00Z`, `2025-01-01T00:00:00.000-07:00`,
#   `2030-01-01 00:00:00 UTC`) is read by hand; the time of day and zone are ignored,
#   which is exact enough for limits counted in days.
package lib.dates

# day_number counts the days from 1970-01-01 to the date a timestamp starts with; undefined when it starts with no `YYYY-MM-DD`.
day_number(value) := days if {
	is_string(value)
	count(value) >= 10
	substring(value, 4, 1) == "-"
	substring(value, 7, 1) == "-"
	year := digits(substring(value, 0, 4))
	month := digits(substring(value, 5, 2))
	day := digits(substring(value, 8, 2))
	month >= 1
	month <= 12
	day >= 1
	day <= 31
	days := days_from_civil(year, month, day)
}

# days_between is how many days lie between two timestamps' dates (positive when `later` is later).
days_between(earlier, later) := day_number(later) - day_number(earlier)

# digits reads a string of decimal digits, leading zeros allowed (Wasm's `to_number` rejects them); undefined for anything else.
digits(text) := 0 if {
	text != ""
	trim_left(text, "0") == ""
} else := to_number(trim_left(text, "0")) if {
	text != ""
	trim(text, "0123456789") == ""
}

# days_from_civil counts days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
days_from_civil(year, month, day) := days if {
	shifted := year - early_month(month)
	era := floor(shifted / 400)
	year_of_era := shifted - (era * 400)
	day_of_year := (floor(((153 * ((month + 9) % 12)) + 2) / 5) + day) - 1
	day_of_era := (((year_of_era * 365) + floor(year_of_era / 4)) - floor(year_of_era / 100)) + day_of_year
	days := ((era * 146097) + day_of_era) - 719468
}

# early_month is 1 for January and February, which the algorithm counts with the year before.
early_month(month) := 1 if month <= 2

else := 0
