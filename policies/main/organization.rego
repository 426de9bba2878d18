# METADATA
# title: Organization entrypoint
# description: Aggregates every rule's outcome for the organization target (the GitHub and Buildkite organizations of a snapshot).
# entrypoint: true
package kiteguard.organization

import data.lib.report as aggregation

# report is what the host reads for the organization target.
report := aggregation.aggregate({"github": data.github, "buildkite": data.buildkite})
