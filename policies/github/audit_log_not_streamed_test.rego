package github.audit_log_not_streamed_test

import data.github.audit_log_not_streamed
import data.lib.github_testing as t

attestation(fields) := object.union({"evidence": "https://siem.example/acme-github", "attested_by": "sam@acme.example", "expires": "2026-12-31"}, fields)

org := t.org_input({})

test_no_attestation_fails if {
	findings := audit_log_not_streamed.deny with input as org
	[f.message | some f in findings] == ["no attestation that the audit log of GitHub organization `acme` is streamed to a SIEM"]
	[f.path | some f in findings] == [["github", "organization"]]
}

test_current_attestation_passes if {
	count(audit_log_not_streamed.deny) == 0 with input as org
		with data.config.attestations as {"github/audit_log_not_streamed": [attestation({})]}
	count(audit_log_not_streamed.deny) == 0 with input as org
		with data.config.attestations as {"github/audit_log_not_streamed": [attestation({"scope": "github:acme", "expires": "2026-06-01"})]}
}

test_expired_attestation_names_who_and_when if {
	findings := audit_log_not_streamed.deny with input as org
		with data.config.attestations as {"github/audit_log_not_streamed": [attestation({"expires": "2026-01-31"}), attestation({"attested_by": "kim", "expires": "2026-05-31"})]}
	[f.message | some f in findings] == ["attestation by kim that the audit log of GitHub organization `acme` is streamed to a SIEM expired on 2026-05-31"]
	[f.evidence | some f in findings] == ["evidence: https://siem.example/acme-github"]
}

test_other_scopes_do_not_count if {
	findings := audit_log_not_streamed.deny with input as org
		with data.config.attestations as {
			"github/audit_log_not_streamed": [attestation({"scope": "github:other"})],
			"buildkite/audit_log_not_streamed": [attestation({})],
		}
	[f.message | some f in findings] == ["no attestation that the audit log of GitHub organization `acme` is streamed to a SIEM"]
	count(audit_log_not_streamed.deny) == 1 with input as org
		with data.config.attestations as {"github/audit_log_not_streamed": [attestation({"scope": "buildkite:acme"})]}
}

test_missing_now_is_unknown if {
	inp := object.remove(org, ["now"])
	count(audit_log_not_streamed.deny) == 0 with input as inp
	audit_log_not_streamed.unknown == {"the evaluation time (`now`) is missing, so attestation expiry cannot be checked"} with input as inp
}

test_not_applicable_without_github if {
	audit_log_not_streamed.not_applicable with input as {"now": "2026-01-01T00:00:00Z"}
}

test_ignored_in_repository_targets if {
	inp := object.union(t.repo_input({}), {"github": {"org": "acme", "two_factor_requirement": t.hidden, "personal_access_tokens": t.hidden, "token": t.hidden, "installations": t.hidden}})
	audit_log_not_streamed.not_applicable with input as inp
	count(audit_log_not_streamed.deny) == 0 with input as inp
	count(audit_log_not_streamed.unknown) == 0 with input as inp
}
