package kiteguard.organization_test

import data.kiteguard.organization

test_report_without_github_rules if {
	report := organization.report with input as {"now": "2025-12-01T00:00:00Z"}
	report.findings == []
	"buildkite.sso_not_enforced" in report.not_applicable
}
