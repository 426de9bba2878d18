package pipeline.deploy_without_verification_test

import data.lib.deploy
import data.lib.hints
import data.lib.testing
import data.pipeline.deploy_without_verification

cmd(label, commands) := testing.command_step({"label": label, "commands": commands})

deny_for(steps) := d if {
	d := deploy_without_verification.deny with input as testing.pipeline(steps)
}

sites(steps) := {[f.path, f.evidence] | some f in deny_for(steps)}

test_deploy_of_a_downloaded_artifact_without_verification_fails if {
	findings := deny_for([cmd("k8s", ["buildkite-agent artifact download manifests.tgz .", "kubectl apply -f manifests/ --prune"])])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/deploy_without_verification"
	f.path == ["steps", 0, "commands", 0]
	f.evidence == "buildkite-agent artifact download manifests.tgz ."
	f.message == "deploy step `k8s` deploys what `buildkite-agent artifact download manifests.tgz .` brings in from outside the step without verifying it: check its signature, attestation or checksum first"
}

test_build_and_deploy_from_the_checkout_passes if {
	count(deny_for([cmd("k8s", ["kubectl config use-context prod", "kubectl apply -f k8s/ --prune"])])) == 0
	count(deny_for([cmd(":rocket: Deploy to production", ["make dist", "./scripts/deploy.sh"])])) == 0
}

test_deploy_label_with_a_fetch_is_a_deploy if {
	sites([cmd("build", ["make"]), cmd(":rocket: Deploy to production", ["aws s3 cp s3://releases/app.tgz .", "./scripts/deploy.sh"])]) == {[["steps", 1, "commands", 0], "aws s3 cp s3://releases/app.tgz ."]}
}

test_multiline_command_evidence_is_the_line if {
	script := "set -euo pipefail\ndocker pull acme/web:$TAG\nhelm upgrade --install web ./chart \\\n  --namespace prod\n"
	sites([cmd("web", [script])]) == {[["steps", 0, "commands", 0], "docker pull acme/web:$TAG"]}
}

test_launchers_printers_and_variables_in_labels_are_not_deploys if {
	steps := [
		cmd(":rocket: Deploy", ["buildkite-agent pipeline upload .buildkite/deploy.yml"]),
		cmd("Complete ${ENV} deployment", ["echo \"${ENV} complete!\""]),
		cmd("e2e test [$DEPLOYMENT_ENVIRONMENT]", ["docker pull acme/e2e:latest", "yarn e2e"]),
		cmd("Production query", ["docker pull acme/rank:latest", "./rank.sh"]),
	]
	deploy_without_verification.not_applicable with input as testing.pipeline(steps)
}

test_verification_in_same_step_passes if {
	count(deny_for([cmd("Deploy", ["cosign verify --key cosign.pub acme/app@$DIGEST", "kubectl set image deploy/web web=acme/app@$DIGEST"])])) == 0
	count(deny_for([cmd("Deploy", ["kubectl set image deploy/web web=acme/app@$DIGEST"])])) == 1
}

test_verification_in_earlier_step_passes if {
	steps := [
		cmd("verify", ["slsa-verifier verify-artifact app.tar.gz --provenance-path app.intoto.jsonl --source-uri github.com/acme/app"]),
		testing.step("wait", {}),
		cmd("Deploy", ["buildkite-agent artifact download app.tar.gz .", "./deploy.sh app.tar.gz"]),
	]
	count(deny_for(steps)) == 0
}

test_verification_in_later_step_fails if {
	steps := [
		cmd("Deploy", ["buildkite-agent artifact download app.tar.gz .", "./deploy.sh app.tar.gz"]),
		cmd("verify", ["cosign verify acme/app"]),
	]
	sites(steps) == {[["steps", 0, "commands", 0], "buildkite-agent artifact download app.tar.gz ."]}
}

test_verification_in_earlier_group_member_passes if {
	group := testing.step("group", {"steps": [
		cmd("check", ["sha256sum -c app.sha256"]),
		cmd("Rollout", ["gh release download v1.2.3", "./rollout.sh"]),
	]})
	count(deny_for([group])) == 0
}

test_verification_after_in_group_fails if {
	group := testing.step("group", {"steps": [
		cmd("Rollout", ["gh release download v1.2.3", "./rollout.sh"]),
		cmd("check", ["sha256sum -c app.sha256"]),
	]})
	sites([group]) == {[["steps", 0, "steps", 0, "commands", 0], "gh release download v1.2.3"]}
}

test_group_member_after_top_level_verification_passes if {
	group := testing.step("group", {"steps": [cmd("Deploy", ["docker pull acme/app:v1", "./deploy.sh"])]})
	count(deny_for([cmd("verify", ["gh attestation verify app.tar.gz --repo acme/app"]), group])) == 0
}

test_verification_commands if {
	every command in [
		"cosign verify-attestation --type slsaprovenance acme/app",
		"gh attestation verify app.tgz --owner acme",
		"shasum -a 256 -c checksums.txt",
		"sha256sum --check checksums.txt",
		"notation verify acme/app@sha256:abc",
		"buildkite-agent artifact shasum app.tgz --algorithm sha256",
		"gpg --verify app.tgz.asc app.tgz",
	] {
		count(deny_for([cmd("Deploy", [command, "docker pull acme/app:v1", "./deploy.sh"])])) == 0
	}
}

test_non_verification_commands_fail if {
	every command in ["sha256sum app.tgz > app.sha256", "cosign sign acme/app", "echo verify"] {
		count(deny_for([cmd("Deploy", [command, "docker pull acme/app:v1", "./deploy.sh"])])) == 1
	}
}

test_deploy_commands_detected if {
	every command in [
		"terraform apply -auto-approve tfplan",
		"cdk deploy --all --require-approval never",
		"aws ecs update-service --cluster prod --service web --force-new-deployment",
		"aws lambda update-function-code --function-name fn --zip-file fileb://fn.zip",
		"gcloud run deploy web --image gcr.io/acme/web",
		"flyctl deploy --remote-only",
		"vercel deploy --prod",
		"netlify deploy --prod --dir public",
		"ansible-playbook -i inventories/prod site.yml",
		"serverless deploy --stage prod",
	] {
		count(deploy_without_verification.deploy_steps) == 1 with input as testing.pipeline([cmd("x", [command])])
	}
}

test_evidence_starts_at_the_fetch_verb if {
	sites([cmd("web", ["time docker image pull acme/web:1 && vercel --prod"])]) == {[["steps", 0, "commands", 0], "docker image pull acme/web:1 && vercel --prod"]}
}

test_non_deploy_commands_not_applicable if {
	every command in ["helm lint charts/app", "terraform plan", "kubectl get pods", "npm run build"] {
		deploy_without_verification.not_applicable with input as testing.pipeline([cmd("build", [command])])
	}
}

test_block_and_trigger_steps_not_deploy_steps if {
	steps := [testing.step("block", {"label": ":rocket: Deploy"}), testing.step("trigger", {"label": "deploy", "trigger": "app-deploy"})]
	deploy_without_verification.not_applicable with input as testing.pipeline(steps)
}

test_artifacts_plugin_download_points_at_plugin if {
	artifacts := testing.plugin("artifacts", "v1.9.4", {"download": "chart.tgz"})
	plugin := testing.plugin("docker", "v5.12.0", {"image": "alpine/k8s:1.30", "command": ["helm", "upgrade", "--install", "web", "./chart.tgz"]})
	sites([testing.command_step({"label": "web", "plugins": [artifacts, plugin]})]) == {[["steps", 0, "plugins", 0], "artifacts"]}
}

test_corpus_docs_preview_deploy_builds_from_the_checkout if {
	# buildkite/docs pipeline.preview.yml: "Deploy preview" deploys what the job builds from the checkout.
	steps := [
		cmd("Prepare preview", ["bin/prepare-preview"]),
		testing.command_step({"label": "Deploy preview", "commands": ["bin/deploy-preview"], "env": {"RAILS_ENV": "production"}}),
	]
	count(deny_for(steps)) == 0
	count(deploy_without_verification.deploy_steps) == 1 with input as testing.pipeline(steps)
}

test_corpus_release_not_deploy if {
	# buildkite/terraform-provider-buildkite pipeline.release.yml: label `release` is a publish, not a deploy.
	deploy_without_verification.not_applicable with input as testing.pipeline([cmd("release", [".buildkite/steps/release.sh"])])
}

test_custom_verification_patterns if {
	steps := [cmd("Deploy", ["docker pull acme/app:v1", "./verify-image.sh", "./deploy.sh"])]
	count(deploy_without_verification.deny) == 1 with input as testing.pipeline(steps)
	count(deploy_without_verification.deny) == 0 with input as testing.pipeline(steps)
		with data.config.rules as {"pipeline/deploy_without_verification": {"verification_patterns": ["verify-image"]}}
}

test_every_default_pattern_has_hints if {
	hints.needles(deploy_without_verification.knobs.deploy_label_patterns, deploy.label_hints) != null
	hints.needles(deploy_without_verification.knobs.deploy_command_patterns, deploy.command_hints) != null
	hints.needles(deploy_without_verification.knobs.verification_patterns, deploy_without_verification.verification_hints) != null
	hints.needles(deploy_without_verification.knobs.artifact_patterns, deploy_without_verification.artifact_hints) != null
}
