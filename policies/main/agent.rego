# METADATA
# title: Agent entrypoint
# description: |
#   Aggregates every agent rule's outcome for one agent target: an agent configuration or
#   environment file, an agent hooks folder, Elastic CI Stack parameters or agent-stack-k8s values.
# entrypoint: true
package kiteguard.agent

import data.lib.report as aggregation

# report is what the host reads: findings, and per rule package any unknown reasons or not-applicable flag.
report := aggregation.aggregate({"agent": data.agent})
