package kiteguard.batch_test

import data.kiteguard.batch
import data.kiteguard.repository

# Pipelines whose YAML was not read: each report gives its own reason for the pipeline rules.
unread(reason) := {"pipeline_unavailable": {"reason": reason}, "now": "2025-12-01T00:00:00Z"}

# One stand-in rule package and no Buildkite rules keep the reports small.
test_batch_gives_each_item_its_own_report_in_order if {
	reports := batch.pipeline with input as {"shared": {}, "items": [unread("first"), unread("second")]}
		with data.pipeline as {"stand_in": {}}
		with data.buildkite as {}
	count(reports) == 2
	reports[0].unknown["pipeline.stand_in"] == ["first"]
	reports[1].unknown["pipeline.stand_in"] == ["second"]
}

test_batch_of_no_items_is_empty if {
	reports := batch.pipeline with input as {"shared": {}, "items": []}
	reports == []
}

private_repo := {"repository": {"full_name": "acme/web", "repository": {"status": "ok", "data": {"visibility": "PRIVATE"}}}, "now": "2025-12-01T00:00:00Z"}

organization_sections := {"github": {"org": "acme", "mode": "org"}}

test_repository_batch_adds_the_shared_part_to_each_item if {
	reports := batch.repository with input as {"shared": organization_sections, "items": [private_repo]}
	reports == [repository.report] with input as object.union(private_repo, organization_sections)
}
