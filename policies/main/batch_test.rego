package kiteguard.batch_test

import data.kiteguard.batch
import data.kiteguard.pipeline

unpinned := {"pipeline": {"steps": [{"command": "make", "plugins": [{"docker#main": {"image": "node"}}]}]}, "context": {}, "now": "2025-12-01T00:00:00Z"}

unread := {"pipeline_unavailable": {"reason": "not collected"}, "now": "2025-12-01T00:00:00Z"}

test_batch_gives_each_item_its_own_report_in_order if {
	reports := batch.pipeline with input as {"items": [unpinned, unread, unpinned]}
	count(reports) == 3
	reports[0] == pipeline.report with input as unpinned
	reports[1] == pipeline.report with input as unread
	reports[2] == reports[0]
	reports[0] != reports[1]
}

test_batch_of_no_items_is_empty if {
	reports := batch.pipeline with input as {"items": []}
	reports == []
}
