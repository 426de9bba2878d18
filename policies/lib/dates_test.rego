package lib.dates_test

import data.lib.dates

test_epoch_is_day_zero if {
	dates.day_number("1970-01-01T00:00:00Z") == 0
}

test_formats_github_uses if {
	dates.day_number("2030-01-01 00:00:00 UTC") == 21915
	dates.day_number("2030-01-01T23:59:59.000-07:00") == 21915
	dates.day_number("2024-02-29") == 19782
	dates.day_number("1969-12-31T00:00:00Z") == -1
}

test_days_between if {
	dates.days_between("2025-01-01T00:00:00Z", "2025-04-01T12:00:00Z") == 90
	dates.days_between("2025-03-01", "2024-03-01") == -365
}

test_not_a_date_is_undefined if {
	not dates.day_number("soon")
	not dates.day_number("2025-13-01")
	not dates.day_number("2025-00-10")
	not dates.day_number("2025-01-32")
	not dates.day_number("20x5-01-01")
	not dates.day_number("2025/01/01")
	not dates.day_number(null)
}
