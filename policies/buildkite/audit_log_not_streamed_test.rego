package buildkite.audit_log_not_streamed_test

import data.buildkite.audit_log_not_streamed

rule := "buildkite/audit_log_not_streamed"

readable := {"status": "ok", "data": {"count": 42, "first_page": []}}

hidden := {"status": "unavailable", "reason": "403 Forbidden", "needs": "organization admin"}

org(events) := {"now": "2025-12-01T00:00:00Z", "buildkite": {"org": "acme", "audit_events": events}}

attestation(expires, scope) := {"evidence": "https://siem.example/dash", "attested_by": "sec@acme.example", "expires": expires, "scope": scope}

test_no_attestation_fails_with_log_evidence if {
	findings := audit_log_not_streamed.deny with input as org(readable)
	{f.message | some f in findings} == {"no attestation that the audit log of Buildkite organization `acme` is streamed to a SIEM (the audit log is readable and holds 42 events)"}
	{f.evidence | some f in findings} == {"audit events: 42"}
	{f.path | some f in findings} == {["buildkite", "audit_events"]}
}

test_no_attestation_with_hidden_log if {
	findings := audit_log_not_streamed.deny with input as org(hidden)
	{f.message | some f in findings} == {"no attestation that the audit log of Buildkite organization `acme` is streamed to a SIEM (the audit log not visible: 403 Forbidden (needs organization admin))"}
	{f.evidence | some f in findings} == {"audit events: not visible"}
}

test_no_attestation_without_audit_section if {
	findings := audit_log_not_streamed.deny with input as {"now": "2025-12-01T00:00:00Z", "buildkite": {"org": "acme"}}
	{f.message | some f in findings} == {"no attestation that the audit log of Buildkite organization `acme` is streamed to a SIEM"}
}

test_current_attestation_passes if {
	count(audit_log_not_streamed.deny) == 0 with input as org(readable) with data.config.attestations as {rule: [attestation("2025-12-01", "buildkite:acme")]}
	count(audit_log_not_streamed.deny) == 0 with input as org(readable) with data.config.attestations as {rule: [{"evidence": "x", "attested_by": "y", "expires": "2026-01-01"}]}
}

test_expired_attestation_fails if {
	attestations := {rule: [attestation("2025-10-01", "buildkite:acme"), attestation("2025-11-30", null)]}
	findings := audit_log_not_streamed.deny with input as org(readable) with data.config.attestations as attestations
	{f.message | some f in findings} == {"attestation by sec@acme.example that the audit log of Buildkite organization `acme` is streamed to a SIEM expired on 2025-11-30 (the audit log is readable and holds 42 events)"}
}

test_attestation_for_another_org_does_not_count if {
	findings := audit_log_not_streamed.deny with input as org(readable) with data.config.attestations as {rule: [attestation("2026-01-01", "buildkite:other"), attestation("2026-01-01", "github:acme")]}
	count(findings) == 1
	some f in findings
	startswith(f.message, "no attestation")
}

test_missing_now_is_unknown if {
	no_clock := {"buildkite": {"org": "acme", "audit_events": readable}}
	count(audit_log_not_streamed.deny) == 0 with input as no_clock
	count(audit_log_not_streamed.unknown) == 1 with input as no_clock
	count(audit_log_not_streamed.unknown) == 0 with input as org(readable)
}

test_not_applicable_without_buildkite if {
	audit_log_not_streamed.not_applicable with input as {"now": "2025-12-01T00:00:00Z"}
}
