# METADATA
# title: Audit log not streamed to a SIEM
# description: |
#   Buildkite's audit log records who changed pipelines, secrets, tokens and settings,
#   but it only helps in an incident if it is kept outside Buildkite and watched. No API
#   shows where the log is streamed, so this rule passes only with a current
#   attestation in `.kiteguard.yml` (evidence, who vouches for it, expiry) for this
#   organization. The collected audit events (how many, whether readable) are reported
#   as evidence that the log exists.
# related_resources:
#   - ref: https://buildkite.com/docs/apis/rest-api/organizations/audit-events
#   - ref: https://buildkite.com/docs/integrations/amazon-eventbridge
# custom:
#   id: buildkite/audit_log_not_streamed
#   severity: medium
#   area: 9
#   target: organization
#   attestable: true
#   remediation: Send the audit log to your SIEM (for example a scheduled job that reads the audit events API, or the Amazon EventBridge integration under Organization settings → Integrations), then record it in `.kiteguard.yml` as an attestation for this rule with the evidence, who vouches for it, an expiry date and the scope `buildkite:<org slug>`.
package buildkite.audit_log_not_streamed

import data.lib.findings
import data.lib.snapshot

events := input.buildkite.audit_events

org := input.buildkite.org

not_applicable if not input.buildkite

unknown contains "the evaluation time (`now`) is missing, so attestation expiry cannot be checked" if not today

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("no attestation that the audit log of Buildkite organization `%s` is streamed to a SIEM%s", [org, log_note]),
	["buildkite", "audit_events"],
	log_evidence,
) if {
	today
	not current
	count(expired) == 0
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("attestation by %s that the audit log of Buildkite organization `%s` is streamed to a SIEM expired on %s%s", [latest.attested_by, org, latest.expires, log_note]),
	["buildkite", "audit_events"],
	log_evidence,
) if {
	today
	not current
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
