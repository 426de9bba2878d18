# METADATA
# title: Pipeline open to everyone
# description: |
#   Who can build a pipeline can run its code with its secrets and deploy access. When
#   the organization's default team (which every new member joins) or a very large
#   team may build it, that is in effect every member; when no team has access at all,
#   no team owns the pipeline and decides who may build it. The rule fails for each
#   team with `BUILD_AND_READ` or `MANAGE_BUILD_AND_READ` that is the default team or
#   has more members than `max_team_size`, and for a pipeline no team can reach.
# related_resources:
#   - ref: https://buildkite.com/docs/platform/team-management/permissions
#   - ref: https://buildkite.com/docs/pipelines/security/permissions
# custom:
#   id: buildkite/pipeline_open_to_everyone
#   severity: medium
#   area: 1
#   target: pipeline
#   remediation: In Pipeline settings → Teams, give the pipeline to the team that owns it, and lower the default team or the large team to Read Only (or remove it); members who must build it join the owning team.
#   config:
#     max_team_size:
#       default: 50
#       description: A team with more members than this that can build the pipeline counts as open to everyone.
package buildkite.pipeline_open_to_everyone

import data.lib.findings
import data.lib.snapshot

knobs := findings.knobs(rego.metadata.chain())

slug := input.buildkite_pipeline.pipeline.slug

teams := input.buildkite_pipeline.teams

not_applicable if not input.buildkite_pipeline

unknown contains snapshot.why("the teams with access to this pipeline", teams)

unknown contains snapshot.why(sprintf("members of team `%s`", [entry.team.slug]), entry.members) if {
	some entry in building_teams
	not default_team(entry.team)
}

unknown contains sprintf("whether team `%s` is the organization's default team was not returned", [entry.team.slug]) if {
	some entry in building_teams
	not snapshot.field_unavailable(entry.team, ["default"])
	not is_boolean(object.get(entry.team, "default", null))
}

unknown contains snapshot.field_why(sprintf("whether team `%s` is the organization's default team", [entry.team.slug]), entry.team, ["default"]) if {
	some entry in building_teams
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("the organization's default team `%s` can build pipeline `%s` (%s), so every member can run it", [entry.team.slug, slug, upper(entry.accessLevel)]),
	["buildkite_pipeline", "teams", "data", i],
	sprintf("%s: %s", [entry.team.slug, upper(entry.accessLevel)]),
) if {
	some i, entry in building_teams
	default_team(entry.team)
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("team `%s` has %d members (more than %d) and can build pipeline `%s` (%s)", [entry.team.slug, count(entry.members.data), knobs.max_team_size, slug, upper(entry.accessLevel)]),
	["buildkite_pipeline", "teams", "data", i],
	sprintf("%s: %d members", [entry.team.slug, count(entry.members.data)]),
) if {
	some i, entry in building_teams
	not default_team(entry.team)
	snapshot.available(entry.members)
	count(entry.members.data) > knobs.max_team_size
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("no team has access to pipeline `%s`, so no team owns it", [slug]),
	["buildkite_pipeline", "teams", "data"],
	"teams: []",
) if {
	snapshot.available(teams)
	count(teams.data) == 0
}

# building_teams are the entries (by index) whose access level lets the team start builds.
building_teams[i] := entry if {
	snapshot.available(teams)
	some i, entry in teams.data
	upper(object.get(entry, "accessLevel", "")) in {"BUILD_AND_READ", "MANAGE_BUILD_AND_READ"}
}

# default_team holds for the team every new member joins.
default_team(team) if team["default"] == true
