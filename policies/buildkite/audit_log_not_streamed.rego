# METADATA
# title: Audit log not streamed to a SIEM
# description: |
#   Buildkite's audit log records who changed pipelines, secrets, tokens and settings,
#   but it only helps in an incident if it is kept outside Buildkite and watched. The
#   rule passes on API evidence, an enabled Amazon EventBridge notification service (which
#   delivers audit events), or on a current attestation in `.kiteguard.yml` (evidence,
#   who vouches for it, expiry) for this organization. Notification services are found
#   in the audit log, as the subjects of their events; Buildkite's published GraphQL
#   schema documents no EventBridge type, so a service counts when its `__typename`
#   names EventBridge and its latest event did not delete, disable or break it. Without
#   either it fails; when the notification services could not be read (or only part of
#   their events), and there is no attestation, it is unknown. The collected audit events
#   (how many, whether readable) are reported as evidence that the log exists.
# related_resources:
#   - ref: https://buildkite.com/docs/apis/rest-api/organizations/audit-events
#   - ref: https://buildkite.com/docs/integrations/amazon-eventbridge
# custom:
#   id: buildkite/audit_log_not_streamed
#   severity: medium
#   area: 9
#   target: organization
#   attestable: true
#   remediation: Send the audit log to your SIEM with the Amazon EventBridge integration (Organization settings → Integrations), which kiteguard sees; or by other means (for example a scheduled job that reads the audit events API), then record it in `.kiteguard.yml` as an attestation for this rule with the evidence, who vouches for it, an expiry date and the scope `buildkite:<org slug>`.
package buildkite.audit_log_not_streamed

import data.lib.findings
import data.lib.snapshot

events := input.buildkite.audit_events

services := input.buildkite.notification_services

org := input.buildkite.org

not_applicable if not input.buildkite

unknown contains "the evaluation time (`now`) is missing, so attestation expiry cannot be checked" if not today

unknown contains sprintf("%s, and no current attestation says the audit log is streamed", [services_gap]) if {
	today
	not current
	not streamed
	services_gap
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("no attestation that the audit log of Buildkite organization `%s` is streamed to a SIEM, and no enabled Amazon EventBridge notification service%s", [org, log_note]),
	["buildkite", "audit_events"],
	log_evidence,
) if {
	today
	not current
	not streamed
	not services_gap
	count(expired) == 0
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("attestation by %s that the audit log of Buildkite organization `%s` is streamed to a SIEM expired on %s, and there is no enabled Amazon EventBridge notification service%s", [latest.attested_by, org, latest.expires, log_note]),
	["buildkite", "audit_events"],
	log_evidence,
) if {
	today
	not current
	not streamed
	not services_gap
	latest_expiry := max({a.expires | some a in expired})
	some latest in expired
	latest.expires == latest_expiry
}

# today is the evaluation date, `YYYY-MM-DD`.
today := substring(input.now, 0, 10) if {
	is_string(input.now)
	count(input.now) >= 10
}

# attestations are those for this rule that cover this organization.
attestations contains a if {
	some a in configured
	in_scope(object.get(a, "scope", null))
}

# configured are the attestations `.kiteguard.yml` gives for this rule.
configured := data.config.attestations["buildkite/audit_log_not_streamed"]

# in_scope: no scope covers every organization, else it must name this one.
in_scope(null)

in_scope(scope) if scope == concat(":", ["buildkite", org])

# current holds when an attestation has not expired.
current if {
	some a in attestations
	a.expires >= today
}

# expired are the attestations whose date has passed.
expired := [a |
	some a in attestations
	a.expires < today
]

# log_note tells what the collected audit log shows.
log_note := sprintf(" (the audit log is readable and holds %d events)", [events.data.count]) if {
	snapshot.available(events)
} else := sprintf(" (%s)", [snapshot.why("the audit log", events)]) if {
	snapshot.unavailable(events)
} else := ""

# log_evidence is the audit-log count, or why it is missing.
log_evidence := sprintf("audit events: %d", [events.data.count]) if {
	snapshot.available(events)
} else := "audit events: not visible"

# streamed holds when an Amazon EventBridge notification service is enabled: it delivers the audit log.
streamed if count(eventbridge) > 0

# eventbridge are the EventBridge-typed services whose latest audit event did not delete, disable or break them.
eventbridge contains event.subject.uuid if {
	snapshot.available(services)
	some event in services.data.events
	is_object(event.subject.node)
	regex.match(`(?i)eventbridge`, event.subject.node.__typename)
	not newer(event)
	not event.type in {"NOTIFICATION_SERVICE_DELETED", "NOTIFICATION_SERVICE_DISABLED", "NOTIFICATION_SERVICE_BROKEN"}
}

# newer holds when a later event of the same service exists.
newer(event) if {
	some other in services.data.events
	other.subject.uuid == event.subject.uuid
	other.occurredAt > event.occurredAt
}

# services_gap says why the notification services cannot rule streaming out.
services_gap := "the notification services were not collected (a snapshot from a kiteguard version that did not read them)" if {
	not input.buildkite.notification_services
} else := snapshot.why("the notification services (from the audit log)", services) if {
	snapshot.unavailable(services)
} else := sprintf("only %d of %d notification-service audit events were read", [count(services.data.events), services.data.count]) if {
	snapshot.available(services)
	services.data.count > count(services.data.events)
}
