package pipeline.privileged_container_test

import data.lib.testing
import data.pipeline.privileged_container

with_plugin(name, config) := testing.pipeline([testing.command_step({"label": "build", "commands": ["make"], "plugins": [testing.plugin(name, "v5.12.0", config)]})])

commands(cmds) := testing.pipeline([testing.command_step({"label": "build", "commands": cmds})])

test_docker_privileged_fails if {
	findings := privileged_container.deny with input as with_plugin("docker", {"image": "docker:27", "privileged": true})
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/privileged_container"
	f.path == ["steps", 0, "plugins", 0, "config", "privileged"]
	f.evidence == "privileged: true"
	f.message == "plugin `docker` in step `build` runs a privileged container; drop it, the job does not need the host"
}

test_privileged_false_passes if {
	count(privileged_container.deny) == 0 with input as with_plugin("docker", {"image": "docker:27", "privileged": false})
}

# buildkite/test-engine-client release pipeline mounts the Docker socket into docker-compose.
test_docker_socket_volume_fails if {
	findings := privileged_container.deny with input as with_plugin("docker-compose", {
		"run": "release",
		"volumes": ["./dist:/dist", "/var/run/docker.sock:/var/run/docker.sock"],
	})
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "plugins", 0, "config", "volumes", 1]
	f.evidence == "/var/run/docker.sock:/var/run/docker.sock"
	f.message == "plugin `docker-compose` in step `build` mounts host path `/var/run/docker.sock` into the container; drop it, the job does not need the host"
}

test_host_root_mount_fails if {
	findings := privileged_container.deny with input as with_plugin("docker", {"volumes": ["/:/host:ro"]})
	count(findings) == 1
}

# buildkite/agent and buildkite/docs: harmless mounts.
test_corpus_volumes_pass if {
	count(privileged_container.deny) == 0 with input as with_plugin("docker", {
		"volumes": ["/usr/bin/buildkite-agent:/usr/bin/buildkite-agent", "/gitmirror:/gitmirror:ro", "/yum.buildkite.com", "/var/run/docker.sock"],
		"mount-buildkite-agent": true,
		"mount-ssh-agent": true,
		"propagate-environment": true,
	})
}

test_host_namespaces_and_caps_fail if {
	findings := privileged_container.deny with input as with_plugin("docker", {
		"pid": "host",
		"ipc": "host",
		"userns": "host",
		"add-caps": ["NET_BIND_SERVICE", "SYS_ADMIN", "cap_sys_ptrace"],
		"security-opts": ["seccomp=unconfined", "no-new-privileges"],
	})
	{[f.path[5], f.evidence] | some f in findings} == {
		["pid", "pid: host"],
		["ipc", "ipc: host"],
		["userns", "userns: host"],
		["add-caps", "SYS_ADMIN"],
		["add-caps", "cap_sys_ptrace"],
		["security-opts", "seccomp=unconfined"],
	}
}

test_host_network_knob if {
	doc := with_plugin("docker", {"network": "host"})
	count(privileged_container.deny) == 0 with input as doc
	findings := privileged_container.deny with input as doc
		with data.config.rules as {"pipeline/privileged_container": {"report_host_network": true}}
	count(findings) == 1
	some f in findings
	f.message == "plugin `docker` in step `build` uses the host's network; drop it, the job does not need the host"

	cmd := commands(["docker run --network host img"])
	count(privileged_container.deny) == 0 with input as cmd
	cmd_findings := privileged_container.deny with input as cmd
		with data.config.rules as {"pipeline/privileged_container": {"report_host_network": true}}
	{f.evidence | some f in cmd_findings} == {"--network host"}
}

test_kubernetes_pod_spec_fails if {
	doc := with_plugin("kubernetes", {"podSpec": {
		"hostPID": true,
		"hostNetwork": true,
		"containers": [{
			"image": "alpine",
			"securityContext": {"privileged": true, "capabilities": {"add": ["ALL"]}, "seccompProfile": {"type": "Unconfined"}},
		}],
		"volumes": [{"name": "docker", "hostPath": {"path": "/var/run/docker.sock"}}],
	}})
	findings := privileged_container.deny with input as doc
	{array.slice(f.path, 5, count(f.path)) | some f in findings} == {
		["podSpec", "hostPID"],
		["podSpec", "containers", 0, "securityContext", "privileged"],
		["podSpec", "containers", 0, "securityContext", "capabilities", "add", 0],
		["podSpec", "containers", 0, "securityContext", "seccompProfile", "type"],
		["podSpec", "volumes", 0, "hostPath", "path"],
	}
	findings_net := privileged_container.deny with input as doc
		with data.config.rules as {"pipeline/privileged_container": {"report_host_network": true}}
	count(findings_net) == 6
}

# buildkite/agent-stack-k8s: kubernetes plugin with checkout flags and a service account only.
test_corpus_kubernetes_passes if {
	count(privileged_container.deny) == 0 with input as with_plugin("kubernetes", {
		"checkout": {"fetchFlags": "-v --tags"},
		"podSpecPatch": {"serviceAccountName": "integration-tests"},
	})
}

test_step_extra_fails if {
	doc := testing.pipeline([testing.command_step({"key": "dind", "commands": ["make"], "extra": {"privileged": "true"}})])
	findings := privileged_container.deny with input as doc
	count(findings) == 1
	some f in findings
	f.path == ["steps", 0, "extra", "privileged"]
	f.message == "step `dind` runs a privileged container; drop it, the job does not need the host"
}

test_docker_run_flags_fail if {
	findings := privileged_container.deny with input as commands([
		"docker run --rm --privileged -v \"$PWD:/src\" builder make",
		"docker run --pid=host --cap-add SYS_ADMIN alpine ps",
		"docker run -v /var/run/docker.sock:/var/run/docker.sock docker:27 docker ps",
		"docker run --mount type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock img",
		"docker run --security-opt apparmor=unconfined --cap-add=ALL img",
	])
	{[f.path[3], f.evidence] | some f in findings} == {
		[0, "--privileged"],
		[1, "--pid=host"],
		[1, "--cap-add SYS_ADMIN"],
		[2, "-v /var/run/docker.sock:/var/run/docker.sock"],
		[3, "--mount type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock"],
		[4, "--security-opt apparmor=unconfined"],
		[4, "--cap-add=ALL"],
	}
	some f in findings
	f.evidence == "--privileged"
	f.message == "step `build` runs a privileged container (`--privileged`); drop it, the job does not need the host"
}

test_harmless_flags_pass if {
	count(privileged_container.deny) == 0 with input as commands([
		"go test -v ./...",
		"docker run --privileged=false --cap-add NET_BIND_SERVICE -v \"$PWD:/src\" img",
		"docker run --network=host img",
		"grep -v privileged notes.txt",
		"helm lint charts/agent-stack-k8s --set agentToken=test --set image=test:latest",
	])
}

test_custom_sensitive_paths if {
	doc := with_plugin("docker", {"volumes": ["/etc:/host-etc"]})
	count(privileged_container.deny) == 0 with input as doc
	count(privileged_container.deny) == 1 with input as doc
		with data.config.rules as {"pipeline/privileged_container": {"sensitive_host_paths": ["/etc"]}}
}
