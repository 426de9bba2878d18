# METADATA
# title: Release without provenance
# description: |
#   Steps that publish a release (container push, package publish, GitHub release,
#   Buildkite Packages) in a pipeline that generates no provenance attestation and signs
#   nothing: consumers cannot tell the published artifact came from this build. Publish
#   commands with `--dry-run`/`--snapshot` do not count. Not applicable when nothing is published.
# related_resources:
#   - ref: https://buildkite.com/docs/package-registries/security/slsa-provenance
#   - ref: https://buildkite.com/resources/plugins/buildkite-plugins/generate-provenance-attestation-buildkite-plugin
# custom:
#   id: pipeline/release_without_provenance
#   severity: high
#   area: 7
#   target: pipeline
#   remediation: Generate a provenance attestation for what you publish (the `generate-provenance-attestation` plugin with `attestations:` on `publish-to-packages`, `cosign sign`/`cosign attest`, or `npm publish --provenance`).
#   config:
#     publish_patterns:
#       default:
#         - '(?i)\b(docker|podman|buildah)\s+(image\s+)?push\b'
#         - '(?i)\bdocker\s+buildx\s+(build|bake)\b([^\n]|\\\n)*\s(--push\b|--output[= ]type=registry\b)'
#         - '(?i)\bdocker(-|\s+)compose\b[^\n;&|]*\spush\b'
#         - '(?i)\bnpm\s+publish\b'
#         - '(?i)\byarn\s+(npm\s+)?publish\b'
#         - '(?i)\bpnpm\s+((-r|--recursive)\s+)?publish\b'
#         - '(?i)\bgh\s+release\s+(create|upload)\b'
#         - '(?i)\bgoreleaser\b[^\n;&|]*\srelease\b'
#         - '(?i)\btwine\s+upload\b'
#         - '(?i)\b(poetry|uv|flit|hatch)\s+publish\b'
#         - '(?i)\bcargo\s+publish\b'
#         - '(?i)\bgem\s+push\b'
#         - '(?i)\bmvnw?\b[^\n;&|]*\sdeploy\b'
#         - '(?i)\bgradlew?\b[^\n;&|]*\spublish(All\w*To\w*Repository|ToSonatype|ToMavenCentral|Plugins)?\b'
#         - '(?i)\bhelm\s+(push|cm-push)\b'
#         - '(?i)\b(dotnet\s+)?nuget\s+push\b'
#         - '(?i)\bbk\s+package\s+push\b'
#       description: Regular expressions on commands (and plugin image + command) that publish a release.
#     publish_plugin_patterns:
#       default: ['publish-to-packages-buildkite-plugin$']
#       description: Regular expressions on a plugin's canonical source for plugins that publish (docker-compose with `push:` always counts).
#     dry_run_patterns:
#       default: ['(?i)\s--dry-run\b', '(?i)\s--snapshot\b', '(?i)\s--skip[= ]publish\b']
#       description: Flags on the publish command's line that make it a rehearsal rather than a release.
#     provenance_patterns:
#       default:
#         - '(?i)\bcosign\s+(sign|attest)(-blob)?\b'
#         - '(?i)\bnotation\s+sign\b'
#         - '(?i)\bsigstore\s+sign\b'
#         - '(?i)\bslsa-github-generator\b'
#         - '(?i)\bgh\s+attestation\b'
#         - '(?i)\bin-toto-run\b'
#         - '(?i)\s--provenance(=(true|1|mode=\w+)\b|\s|$)'
#         - '(?i)\s--attest[= ]type=provenance\b'
#         - '(?i)\bdocker\s+trust\s+sign\b'
#         - '(?i)\bgpg\b[^\n]*\s--(detach-sign|detach-sig|clearsign|sign)\b'
#       description: Regular expressions on commands anywhere in the pipeline that generate provenance or sign what is published.
#     provenance_plugin_patterns:
#       default: ['generate-provenance-attestation', 'generate-build-provenance', 'provenance-generator', '/cosign-buildkite-plugin$']
#       description: Regular expressions on a plugin's canonical source for plugins that generate provenance or sign (any plugin configured with `attestations:` also counts).
package pipeline.release_without_provenance

import data.lib.deploy
import data.lib.findings
import data.lib.pipeline

knobs := findings.knobs(rego.metadata.chain())

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("step `%s` publishes (`%s`) but the pipeline generates no provenance attestation or signature", [deploy.step_name(site.entry), site.what]),
	site.path,
	site.evidence,
) if {
	not has_provenance
	some site in publish_sites
}

not_applicable if count(publish_sites) == 0

# publish_sites: every command line, or plugin, that publishes.
publish_sites contains {"entry": entry, "path": run.path, "what": what, "evidence": evidence} if {
	some entry in pipeline.command_steps
	some run in deploy.runs(entry)
	lines := [line |
		some line in deploy.matched_lines(run.text, knobs.publish_patterns)
		not pipeline.matches_any(line, knobs.dry_run_patterns)
	]
	count(lines) > 0
	what := deploy.first_line(lines[0])
	evidence := run_evidence(run, what)
}

publish_sites contains {"entry": entry, "path": array.concat(entry.path, ["plugins", p]), "what": plugin.name, "evidence": plugin.name} if {
	some entry in pipeline.command_steps
	some p, plugin in entry.step.plugins
	publishing_plugin(plugin)
}

run_evidence(run, line) := line if run.plugin == null

run_evidence(run, _) := run.plugin if run.plugin != null

publishing_plugin(plugin) if pipeline.matches_any(plugin.source, knobs.publish_plugin_patterns)

publishing_plugin(plugin) if {
	regex.match(`docker-compose-buildkite-plugin$`, plugin.source)
	is_object(plugin.config)
	not object.get(plugin.config, "push", null) in {null, false, "", []}
}

# has_provenance: something in the pipeline attests to or signs what is built.
has_provenance if {
	some entry in pipeline.command_steps
	some text in deploy.run_texts(entry.step)
	pipeline.matches_any(text, knobs.provenance_patterns)
}

has_provenance if {
	some entry in pipeline.command_steps
	some plugin in entry.step.plugins
	pipeline.matches_any(plugin.source, knobs.provenance_plugin_patterns)
}

has_provenance if {
	some entry in pipeline.command_steps
	some plugin in entry.step.plugins
	is_object(plugin.config)
	not object.get(plugin.config, "attestations", null) in {null, "", []}
}
