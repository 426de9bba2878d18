# METADATA
# title: Organization entrypoint
# description: Aggregates every rule's outcome for the organization target (the GitHub and Buildkite organizations of a snapshot).
# entrypoint: true
package kiteguard.organization

import data.lib.report as aggregation

# report is what the host reads for the organization target.
report := aggregation.aggregate({"github": github_rules, "buildkite": buildkite_rules})

# github_rules are the GitHub rule packages; none is an empty domain, not an undefined report.
github_rules := data.github if data.github

else := {}

# buildkite_rules are the Buildkite rule packages; none is an empty domain, not an undefined report.
buildkite_rules := data.buildkite if data.buildkite

else := {}
