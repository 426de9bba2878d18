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
#         - '\bGPG_FINGERPRINT\b'
#       description: Regular expressions on commands anywhere in the pipeline that generate provenance or sign what is published (`GPG_FINGERPRINT` is the key goreleaser and nfpm sign with).
#     private_registry_patterns:
#       default: ['\b\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\b', '\b[a-z0-9-]+-docker\.pkg\.dev\b', '\b[a-z0-9]+\.azurecr\.io\b', '(?:^|[\s"''=])(?:localhost|127\.0\.0\.1)(?::\d+)?/']
#       description: >-
#         Regular expressions for private registries (AWS ECR, Google Artifact Registry, Azure): a push there,
#         written out or through a variable the pipeline or step `env` sets, distributes internally and is not
#         reported as a release.
#     provenance_plugin_patterns:
#       default: ['generate-provenance-attestation', 'generate-build-provenance', 'provenance-generator', '/cosign-buildkite-plugin$']
#       description: Regular expressions on a plugin's canonical source for plugins that generate provenance or sign (any plugin configured with `attestations:` also counts).
package pipeline.release_without_provenance

import data.lib.deploy
import data.lib.findings
import data.lib.hints
import data.lib.pipeline

knobs := findings.knobs(rego.metadata.chain())

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("step `%s` publishes (`%s`) but the pipeline generates no provenance attestation or signature; sign or attest what it publishes (e.g. `cosign sign`, `docker buildx build --provenance=true`)", [pipeline.step_name(site.entry), site.what]),
	site.path,
	site.evidence,
) if {
	not has_provenance
	some site in publish_sites
}

not_applicable if count(publish_sites) == 0

# publish_sites: every command line, or plugin, that publishes.
publish_sites contains {"entry": entry, "path": array.concat(entry.path, ["commands", k]), "what": what, "evidence": what} if {
	some entry in pipeline.command_steps
	some k, text in entry.step.commands
	what := published(text, entry.step)
}

publish_sites contains {"entry": entry, "path": array.concat(entry.path, ["plugins", p]), "what": what, "evidence": evidence} if {
	some entry in pipeline.command_steps
	some p, plugin in entry.step.plugins
	what := published(deploy.plugin_text(plugin), entry.step)
	evidence := run_evidence({"plugin": plugin.name}, what)
}

# published: the first line of a run (lib.deploy.runs: a command, or a plugin's image and
# command) that publishes, not as a dry run nor to a private registry; undefined when none does.
# Runs are read one by one, so a path is built only for a run that publishes.
published(text, step) := deploy.first_line(lines[0]) if {
	lines := [line |
		some line in deploy.matched_lines_of(text, publish_matchers)
		not dry_run(line)
		not private_destination(line, step)
	]
	count(lines) > 0
}

publish_sites contains {"entry": entry, "path": array.concat(entry.path, ["plugins", p]), "what": plugin.name, "evidence": plugin.name} if {
	some entry in pipeline.command_steps
	some p, plugin in entry.step.plugins
	publishing_plugin(plugin)
}

run_evidence(run, line) := line if run.plugin == null

run_evidence(run, _) := run.plugin if run.plugin != null

# private_destination: the publish line names a private registry, itself or through a `$VAR`
# that the pipeline or step `env` sets to one.
private_destination(line, _) if pipeline.matches_any(line, knobs.private_registry_patterns)

private_destination(line, step) if {
	contains(line, "$")
	env := pipeline.env_of(step)
	some m in regex.find_all_string_submatch_n(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`, line, -1)
	value := env[m[1]]
	is_string(value)
	pipeline.matches_any(value, knobs.private_registry_patterns)
}

# dry_run: a publish line with a rehearsal flag.
dry_run(line) if {
	hints.matches(line, dry_run_matcher)
}

publishing_plugin(plugin) if {
	hints.matches(plugin.source, publish_plugin_matcher)
}

publishing_plugin(plugin) if {
	endswith(plugin.source, "docker-compose-buildkite-plugin")
	is_object(plugin.config)
	not object.get(plugin.config, "push", null) in {null, false, "", []}
}

# has_provenance: something in the pipeline attests to or signs what is built.
has_provenance if {
	some entry in pipeline.command_steps
	some text in deploy.run_texts(entry.step)
	hints.matches(text, provenance_matcher)
}

has_provenance if {
	some entry in pipeline.command_steps
	some plugin in entry.step.plugins
	hints.matches(plugin.source, provenance_plugin_matcher)
}

has_provenance if {
	some entry in pipeline.command_steps
	some plugin in entry.step.plugins
	is_object(plugin.config)
	not object.get(plugin.config, "attestations", null) in {null, "", []}
}

# Literal prefilters (lib.hints) of the publish patterns, filtered one by one, since
# deploy.matched_lines_of keeps their order.
publish_matchers := deploy.line_matchers(knobs.publish_patterns, publish_hints)

# The pattern knobs with their literal prefilters (lib.hints.matcher), built once: a text is
# matched only against the patterns one of whose hints it holds.
dry_run_matcher := hints.matcher(knobs.dry_run_patterns, dry_run_hints)

provenance_matcher := hints.matcher(knobs.provenance_patterns, provenance_hints)

publish_plugin_matcher := hints.matcher(knobs.publish_plugin_patterns, plugin_hints)

provenance_plugin_matcher := hints.matcher(knobs.provenance_plugin_patterns, plugin_hints)

# publish_hints: for each default publish pattern, lower-case literals one of which every match contains.
publish_hints := {
	`(?i)\b(docker|podman|buildah)\s+(image\s+)?push\b`: ["docker", "podman", "buildah"],
	`(?i)\bdocker\s+buildx\s+(build|bake)\b([^\n]|\\\n)*\s(--push\b|--output[= ]type=registry\b)`: ["buildx"],
	`(?i)\bdocker(-|\s+)compose\b[^\n;&|]*\spush\b`: ["compose"],
	`(?i)\bnpm\s+publish\b`: ["publish"],
	`(?i)\byarn\s+(npm\s+)?publish\b`: ["publish"],
	`(?i)\bpnpm\s+((-r|--recursive)\s+)?publish\b`: ["publish"],
	`(?i)\bgh\s+release\s+(create|upload)\b`: ["release"],
	`(?i)\bgoreleaser\b[^\n;&|]*\srelease\b`: ["goreleaser"],
	`(?i)\btwine\s+upload\b`: ["twine"],
	`(?i)\b(poetry|uv|flit|hatch)\s+publish\b`: ["publish"],
	`(?i)\bcargo\s+publish\b`: ["publish"],
	`(?i)\bgem\s+push\b`: ["gem"],
	`(?i)\bmvnw?\b[^\n;&|]*\sdeploy\b`: ["mvn"],
	`(?i)\bgradlew?\b[^\n;&|]*\spublish(All\w*To\w*Repository|ToSonatype|ToMavenCentral|Plugins)?\b`: ["gradle"],
	`(?i)\bhelm\s+(push|cm-push)\b`: ["helm"],
	`(?i)\b(dotnet\s+)?nuget\s+push\b`: ["nuget"],
	`(?i)\bbk\s+package\s+push\b`: ["package"],
}

# dry_run_hints: the same for the default dry-run patterns.
dry_run_hints := {
	`(?i)\s--dry-run\b`: ["--dry-run"],
	`(?i)\s--snapshot\b`: ["--snapshot"],
	`(?i)\s--skip[= ]publish\b`: ["--skip"],
}

# provenance_hints: the same for the default provenance patterns.
provenance_hints := {
	`\bGPG_FINGERPRINT\b`: ["gpg_fingerprint"],
	`(?i)\bcosign\s+(sign|attest)(-blob)?\b`: ["cosign"],
	`(?i)\bnotation\s+sign\b`: ["notation"],
	`(?i)\bsigstore\s+sign\b`: ["sigstore"],
	`(?i)\bslsa-github-generator\b`: ["slsa-github-generator"],
	`(?i)\bgh\s+attestation\b`: ["attestation"],
	`(?i)\bin-toto-run\b`: ["in-toto-run"],
	`(?i)\s--provenance(=(true|1|mode=\w+)\b|\s|$)`: ["--provenance"],
	`(?i)\s--attest[= ]type=provenance\b`: ["--attest"],
	`(?i)\bdocker\s+trust\s+sign\b`: ["trust"],
	`(?i)\bgpg\b[^\n]*\s--(detach-sign|detach-sig|clearsign|sign)\b`: ["gpg"],
}

# plugin_hints: the same for the default publish and provenance plugin patterns (case-sensitive).
plugin_hints := {
	`publish-to-packages-buildkite-plugin$`: ["publish-to-packages-buildkite-plugin"],
	`generate-provenance-attestation`: ["generate-provenance-attestation"],
	`generate-build-provenance`: ["generate-build-provenance"],
	`provenance-generator`: ["provenance-generator"],
	`/cosign-buildkite-plugin$`: ["/cosign-buildkite-plugin"],
}
