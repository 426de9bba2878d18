# METADATA
# title: Repository entrypoint
# description: Aggregates every rule's outcome for one GitHub repository target.
# entrypoint: true
package kiteguard.repository

import data.lib.report as aggregation

# report is what the host reads for a repository target.
report := aggregation.aggregate({"github": github_rules})

# github_rules are the GitHub rule packages; none is an empty domain, not an undefined report.
github_rules := data.github if data.github

else := {}
