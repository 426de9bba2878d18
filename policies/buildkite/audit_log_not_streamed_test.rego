package buildkite.audit_log_not_streamed_test

import data.buildkite.audit_log_not_streamed

rule := "buildkite/audit_log_not_streamed"

readable := {"status": "ok", "data": {"count": 42, "first_page": []}}

hidden := {"status": "unavailable", "reason": "403 Forbidden", "needs": "organization admin"}

no_services := {"status": "ok", "data": {"count": 0, "events": []}}

org(events) := {"now": "2025-12-01T00:00:00Z", "buildkite": {"org": "acme", "audit_events": events, "notification_services": no_services}}

with_services(services) := json.patch(org(readable), [{"op": "replace", "path": "/buildkite/notification_services", "value": services}])

event(uuid, type, at, typename) := {"type": type, "occurredAt": at, "subject": {"uuid": uuid, "type": "NOTIFICATION_SERVICE", "name": "x", "node": {"__typename": typename, "name": "Amazon EventBridge"}}}

attestation(expires, scope) := {"evidence": "https://siem.example/dash", "attested_by": "sec@acme.example", "expires": expires, "scope": scope}

test_no_attestation_fails_with_log_evidence if {
	findings := audit_log_not_streamed.deny with input as org(readable)
	{f.message | some f in findings} == {"no attestation that the audit log of Buildkite organization `acme` is streamed to a SIEM, and no enabled Amazon EventBridge notification service (the audit log is readable and holds 42 events)"}
	{f.evidence | some f in findings} == {"audit events: 42"}
	{f.path | some f in findings} == {["buildkite", "audit_events"]}
}

test_no_attestation_with_hidden_log if {
	findings := audit_log_not_streamed.deny with input as org(hidden)
	{f.message | some f in findings} == {"no attestation that the audit log of Buildkite organization `acme` is streamed to a SIEM, and no enabled Amazon EventBridge notification service (the audit log not visible: 403 Forbidden (needs organization admin))"}
	{f.evidence | some f in findings} == {"audit events: not visible"}
}

test_no_attestation_without_audit_section if {
	findings := audit_log_not_streamed.deny with input as {"now": "2025-12-01T00:00:00Z", "buildkite": {"org": "acme", "notification_services": no_services}}
	{f.message | some f in findings} == {"no attestation that the audit log of Buildkite organization `acme` is streamed to a SIEM, and no enabled Amazon EventBridge notification service"}
}

test_enabled_eventbridge_service_passes if {
	enabled := {"status": "ok", "data": {"count": 2, "events": [
		event("ns-1", "NOTIFICATION_SERVICE_ENABLED", "2025-11-02T00:00:00Z", "NotificationServiceAmazonEventBridge"),
		event("ns-1", "NOTIFICATION_SERVICE_DISABLED", "2025-11-01T00:00:00Z", "NotificationServiceAmazonEventBridge"),
	]}}
	count(audit_log_not_streamed.deny) == 0 with input as with_services(enabled)
	count(audit_log_not_streamed.unknown) == 0 with input as with_services(enabled)
}

test_disabled_deleted_or_other_services_do_not_count if {
	services := {"status": "ok", "data": {"count": 4, "events": [
		event("ns-1", "NOTIFICATION_SERVICE_DISABLED", "2025-11-02T00:00:00Z", "NotificationServiceAmazonEventBridge"),
		event("ns-1", "NOTIFICATION_SERVICE_CREATED", "2025-11-01T00:00:00Z", "NotificationServiceAmazonEventBridge"),
		event("ns-2", "NOTIFICATION_SERVICE_CREATED", "2025-11-01T00:00:00Z", "NotificationServiceWebhook"),
		{"type": "NOTIFICATION_SERVICE_CREATED", "occurredAt": "2025-10-01T00:00:00Z", "subject": {"uuid": "ns-3", "node": null}},
	]}}
	count(audit_log_not_streamed.deny) == 1 with input as with_services(services)
}

test_unreadable_or_partial_services_without_attestation_are_unknown if {
	hidden_services := with_services({"status": "unavailable", "reason": "403 Forbidden", "needs": "GraphQL API access enabled on the token, and organization admin"})
	audit_log_not_streamed.unknown == {"the notification services (from the audit log) not visible: 403 Forbidden (needs GraphQL API access enabled on the token, and organization admin), and no current attestation says the audit log is streamed"} with input as hidden_services
	count(audit_log_not_streamed.deny) == 0 with input as hidden_services
	partial := with_services({"status": "ok", "data": {"count": 120, "events": [event("ns-2", "NOTIFICATION_SERVICE_CREATED", "2025-11-01T00:00:00Z", "NotificationServiceWebhook")]}})
	audit_log_not_streamed.unknown == {"only 1 of 120 notification-service audit events were read, and no current attestation says the audit log is streamed"} with input as partial
	old := {"now": "2025-12-01T00:00:00Z", "buildkite": {"org": "acme", "audit_events": readable}}
	audit_log_not_streamed.unknown == {"the notification services were not collected (a snapshot from a kiteguard version that did not read them), and no current attestation says the audit log is streamed"} with input as old
	count(audit_log_not_streamed.deny) == 0 with input as old
	count(audit_log_not_streamed.unknown) == 0 with input as old with data.config.attestations as {rule: [attestation("2025-12-01", "buildkite:acme")]}
}

test_current_attestation_passes if {
	count(audit_log_not_streamed.deny) == 0 with input as org(readable) with data.config.attestations as {rule: [attestation("2025-12-01", "buildkite:acme")]}
	count(audit_log_not_streamed.deny) == 0 with input as org(readable) with data.config.attestations as {rule: [{"evidence": "x", "attested_by": "y", "expires": "2026-01-01"}]}
}

test_expired_attestation_fails if {
	attestations := {rule: [attestation("2025-10-01", "buildkite:acme"), attestation("2025-11-30", null)]}
	findings := audit_log_not_streamed.deny with input as org(readable) with data.config.attestations as attestations
	{f.message | some f in findings} == {"attestation by sec@acme.example that the audit log of Buildkite organization `acme` is streamed to a SIEM expired on 2025-11-30, and there is no enabled Amazon EventBridge notification service (the audit log is readable and holds 42 events)"}
}

test_attestation_for_another_org_does_not_count if {
	findings := audit_log_not_streamed.deny with input as org(readable) with data.config.attestations as {rule: [attestation("2026-01-01", "buildkite:other"), attestation("2026-01-01", "github:acme")]}
	count(findings) == 1
	some f in findings
	startswith(f.message, "no attestation")
}

test_missing_now_is_unknown if {
	no_clock := {"buildkite": {"org": "acme", "audit_events": readable, "notification_services": no_services}}
	count(audit_log_not_streamed.deny) == 0 with input as no_clock
	count(audit_log_not_streamed.unknown) == 1 with input as no_clock
	count(audit_log_not_streamed.unknown) == 0 with input as org(readable)
}

test_not_applicable_without_buildkite if {
	audit_log_not_streamed.not_applicable with input as {"now": "2025-12-01T00:00:00Z"}
}
