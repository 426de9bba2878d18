# METADATA
# title: Audit log not streamed to a SIEM
# description: |
#   Fails unless a current attestation says the organization's audit log is streamed to
#   a SIEM. The audit log records who changed protection rules, rulesets, secrets, app
#   installations and tokens, but GitHub keeps it for a limited time and nobody watches
#   it unless it is streamed somewhere that alerts. Streaming is a GitHub Enterprise
#   setting that no API kiteguard reads can show, so the rule needs an attestation in
#   `.kiteguard.yml` (evidence, who vouches for it, expiry) whose scope is absent or
#   names this organization (`github:<org>`). When the latest one has expired, the
#   failure says who attested and when it lapsed.
# related_resources:
#   - ref: https://docs.github.com/en/enterprise-cloud@latest/admin/monitoring-activity-in-your-enterprise/reviewing-audit-logs-for-your-enterprise/streaming-the-audit-log-for-your-enterprise
#   - ref: https://docs.github.com/en/organizations/keeping-your-organization-secure/managing-security-settings-for-your-organization/reviewing-the-audit-log-for-your-organization
# custom:
#   id: github/audit_log_not_streamed
#   severity: medium
#   area: 9
#   target: organization
#   attestable: true
#   remediation: In the enterprise account's Settings → Audit log → Log streaming, stream to your SIEM (Splunk, Datadog, Azure Event Hubs, Amazon S3, …) and alert on protection, ruleset and token changes; then add an attestation for this rule to `.kiteguard.yml` with the evidence, who vouches for it, an expiry date and the scope `github:<org>`.
package github.audit_log_not_streamed

import data.lib.findings
import data.lib.github

org := input.github.org if github.organization_input

not_applicable if not github.organization_input

unknown contains "the evaluation time (`now`) is missing, so attestation expiry cannot be checked" if {
	github.organization_input
	not today
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("no attestation that the audit log of GitHub organization `%s` is streamed to a SIEM", [org]),
	["github", "organization"],
	null,
) if {
	today
	not current
	count(expired) == 0
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("attestation by %s that the audit log of GitHub organization `%s` is streamed to a SIEM expired on %s", [latest.attested_by, org, latest.expires]),
	["github", "organization"],
	concat("", ["evidence: ", latest.evidence]),
) if {
	today
	not current
	last := max({a.expires | some a in expired})
	some latest in expired
	latest.expires == last
}

# today is the evaluation date, `YYYY-MM-DD`.
today := substring(input.now, 0, 10) if {
	github.organization_input
	is_string(input.now)
	count(input.now) >= 10
}

# attestations are this rule's attestations that cover this organization.
attestations contains a if {
	some a in object.get(data.config, ["attestations", "github/audit_log_not_streamed"], [])
	in_scope(object.get(a, "scope", null))
}

# in_scope: an attestation without a scope covers every organization, else it must name this one.
in_scope(null)

in_scope(scope) if scope == concat(":", ["github", org])

# current holds when a covering attestation has not expired.
current if {
	some a in attestations
	a.expires >= today
}

# expired are the covering attestations whose date has passed.
expired := [a |
	some a in attestations
	a.expires < today
]
