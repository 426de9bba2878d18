# METADATA
# title: Deploy without verification
# description: |
#   A deploy step that deploys something built outside it (an artifact it downloads, an image
#   it pulls or names from a registry, a file it copies from a bucket or a release) and neither
#   verifies it nor follows a step that does (signature or attestation check, checksum
#   comparison): a tampered artifact or image goes to production unnoticed. A step that builds
#   from the checkout and deploys the result in the same job crosses no trust boundary and is
#   not reported. Not applicable when the pipeline has no deploy step.
# related_resources:
#   - ref: https://buildkite.com/docs/package-registries/security/slsa-provenance
#   - ref: https://buildkite.com/docs/agent/v3/cli-artifact#shasum
# custom:
#   id: pipeline/deploy_without_verification
#   severity: high
#   area: 7
#   target: pipeline
#   remediation: Verify the artifact or image before deploying it, in the deploy step or a step before it (`cosign verify`, `slsa-verifier verify-artifact`, `gh attestation verify`, or a `sha256sum -c` against a recorded checksum).
#   config:
#     deploy_label_patterns:
#       default: ['(?i)(deploy|roll-?out|promote|release-to|to-prod)']
#       description: Regular expressions on a step's label or key that mark it as a deploy step.
#     deploy_command_patterns:
#       default: ['(?i)\b(kubectl\s+(apply|rollout|set\s+image|replace)|helm\s+(upgrade|install)|terraform\s+apply|cdk\s+deploy|(serverless|sls)\s+deploy|aws\s+(ecs\s+update-service|cloudformation\s+deploy|lambda\s+update-function-code)|gcloud\s+(run|app|functions)\s+deploy|flyctl?\s+deploy|vercel\s+(--prod|deploy)|netlify\s+deploy|ansible-playbook)']
#       description: Regular expressions on a step's commands that mark it as a deploy step.
#     artifact_patterns:
#       default:
#         - '(?i)\bbuildkite-agent\s+artifact\s+download\b'
#         - '(?i)\bdocker\s+(?:image\s+)?pull\b'
#         - '(?i)\b(?:aws\s+s3\s+(?:cp|sync)|gsutil\s+(?:-m\s+)?(?:cp|rsync)|gcloud\s+storage\s+cp)\s+(?:s3|gs)://'
#         - '(?i)\bgh\s+release\s+download\b'
#         - '(?i)\bkubectl\s+set\s+image\b'
#       description: Regular expressions on a deploy step's commands that bring in something built outside the step; the `artifacts` plugin's `download` counts too.
#     verification_patterns:
#       default:
#         - '(?i)\bcosign\s+verify(-attestation|-blob|-blob-attestation)?\b'
#         - '(?i)\bslsa-verifier\b'
#         - '(?i)\bgh\s+attestation\s+verify\b'
#         - '(?i)\bsha(1|224|256|384|512)sum\b[^\n]*\s(-c|--check)\b'
#         - '(?i)\bshasum\b[^\n]*\s(-c|--check)\b'
#         - '(?i)\bnotation\s+verify\b'
#         - '(?i)\bsigstore\s+verify\b'
#         - '(?i)\bbuildkite-agent\s+artifact\s+shasum\b'
#         - '(?i)\bgpg\b[^\n]*\s--verify\b'
#       description: Regular expressions on commands that verify a signature, attestation or checksum.
package pipeline.deploy_without_verification

import data.lib.deploy
import data.lib.findings
import data.lib.hints
import data.lib.pipeline
import data.lib.secrets

knobs := findings.knobs(rego.metadata.chain())

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf(
		"deploy step `%s` deploys what `%s` brings in from outside the step without verifying it: check its signature, attestation or checksum first",
		[pipeline.step_name(entry), site.evidence],
	),
	site.path,
	site.evidence,
) if {
	some entry in deploy_steps
	site := fetch_site(entry)
	not verified(entry)
}

not_applicable if count(deploy_steps) == 0

deploy_steps := deploy.deploying_steps(deploy.matchers(knobs.deploy_label_patterns, knobs.deploy_command_patterns))

# verified: the deploy step itself, or a command step before it, runs a verification.
verified(entry) if verifies(entry.step)

verified(entry) if {
	some other in pipeline.command_steps
	deploy.order(other.path) < deploy.order(entry.path)
	verifies(other.step)
}

verifies(step) if {
	some text in deploy.run_texts(step)
	hints.matches(text, verification)
}

# verification and artifacts: the verification and artifact patterns as lib.hints matchers, built once.
verification := hints.matcher(knobs.verification_patterns, verification_hints)

artifacts := hints.matcher(knobs.artifact_patterns, artifact_hints)

artifact_lines := deploy.line_matchers(knobs.artifact_patterns, artifact_hints)

# fetch_site: the first command that brings in something built elsewhere, else an `artifacts`
# plugin that downloads; undefined when the step deploys only what it built from the checkout.
fetch_site(entry) := {"path": array.concat(entry.path, ["commands", k]), "evidence": deploy.first_line(line)} if {
	k := min({k | some k, text in entry.step.commands; hints.matches(text, artifacts)})
	line := deploy.matched_lines_of(entry.step.commands[k], artifact_lines)[0]
} else := {"path": array.concat(entry.path, ["plugins", p]), "evidence": entry.step.plugins[p].name} if {
	p := min({p |
		some p, plugin in entry.step.plugins
		secrets.plugin_in(plugin, ["artifacts"])
		object.get(plugin, ["config", "download"], null) != null
	})
}

# artifact_hints: for each default artifact pattern, lower-case literals one of which every match contains (lib.hints).
artifact_hints := {
	`(?i)\bbuildkite-agent\s+artifact\s+download\b`: ["artifact"],
	`(?i)\bdocker\s+(?:image\s+)?pull\b`: ["pull"],
	`(?i)\b(?:aws\s+s3\s+(?:cp|sync)|gsutil\s+(?:-m\s+)?(?:cp|rsync)|gcloud\s+storage\s+cp)\s+(?:s3|gs)://`: ["s3://", "gs://"],
	`(?i)\bgh\s+release\s+download\b`: ["download"],
	`(?i)\bkubectl\s+set\s+image\b`: ["image"],
}

# verification_hints: for each default verification pattern, lower-case literals one of which every match contains (lib.hints).
verification_hints := {
	`(?i)\bcosign\s+verify(-attestation|-blob|-blob-attestation)?\b`: ["cosign"],
	`(?i)\bslsa-verifier\b`: ["slsa-verifier"],
	`(?i)\bgh\s+attestation\s+verify\b`: ["attestation"],
	`(?i)\bsha(1|224|256|384|512)sum\b[^\n]*\s(-c|--check)\b`: ["sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum"],
	`(?i)\bshasum\b[^\n]*\s(-c|--check)\b`: ["shasum"],
	`(?i)\bnotation\s+verify\b`: ["notation"],
	`(?i)\bsigstore\s+verify\b`: ["sigstore"],
	`(?i)\bbuildkite-agent\s+artifact\s+shasum\b`: ["shasum"],
	`(?i)\bgpg\b[^\n]*\s--verify\b`: ["gpg"],
}
