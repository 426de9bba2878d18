# METADATA
# title: Privileged container
# description: |
#   A build container that runs privileged, shares the host's process, IPC or user
#   namespace, adds powerful capabilities, drops seccomp/AppArmor confinement or mounts the
#   Docker socket (or another host path that controls the host) can take over the agent
#   host: every later job on it, the agent token, and the secrets of other pipelines.
#   Checked in plugin settings (`docker`, `docker-compose`, the agent-stack-k8s `kubernetes`
#   pod spec: `privileged`, `pid`, `ipc`, `userns`, `add-caps`, `security-opts`, `volumes`,
#   `securityContext`, `hostPID`, `hostPath`), in other step keys, and in commands
#   (`docker run --privileged`, `--pid=host`, `--cap-add SYS_ADMIN`,
#   `-v /var/run/docker.sock:…`). Host networking is reported only when `report_host_network` is set.
# related_resources:
#   - ref: https://buildkite.com/docs/pipelines/security/enforcing-security-controls
#   - ref: https://github.com/buildkite-plugins/docker-buildkite-plugin#privileged-optional-boolean
# custom:
#   id: pipeline/privileged_container
#   severity: critical
#   area: 6
#   target: pipeline
#   remediation: Drop `privileged`, host namespaces, extra capabilities and the Docker socket mount; build images with a rootless builder (BuildKit rootless, kaniko, buildah) or a dedicated, isolated agent queue if the job truly needs them.
#   config:
#     dangerous_capabilities:
#       default: ["ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "SYS_BOOT", "DAC_READ_SEARCH", "BPF"]
#       description: Linux capabilities (without `CAP_`) that let a container escape to or control the host.
#     sensitive_host_paths:
#       default: ["/var/run/docker.sock", "/run/docker.sock", "/var/run/containerd/containerd.sock", "/run/containerd/containerd.sock", "/var/run/crio/crio.sock", "/run/podman/podman.sock", "/", "/proc", "/var/lib/docker", "/var/lib/kubelet"]
#       description: Host paths whose mount into a container gives control of the host (matched exactly, as the mount's source).
#     report_host_network:
#       default: false
#       description: "Also report host networking (`network: host`, `--net=host`, `hostNetwork: true`), which exposes services listening on the host."
package pipeline.privileged_container

import data.lib.findings
import data.lib.pipeline
import data.lib.secrets

knobs := findings.knobs(rego.metadata.chain())

# Settings in plugin configuration and other step keys.
deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("%s %s", [where, hit.what]),
	array.concat(s.base, hit.path),
	hit.evidence,
) if {
	some s in settings
	where := s.where
	some hit in setting_hits(s.config)
}

# Flags on command lines.
deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("step `%s` %s", [secrets.step_name(c.step), hit.what]),
	c.path,
	hit.evidence,
) if {
	some c in pipeline.commands
	some line in secrets.lines(c.text)
	some hit in command_hits(line)
}

# settings: the configuration trees to inspect, with their base path and a phrase naming them.
settings contains {
	"base": array.concat(entry.path, ["plugins", k, "config"]), "config": plugin.config,
	"where": sprintf("plugin `%s` in step `%s`", [plugin.name, secrets.step_name(entry)]),
} if {
	some entry in pipeline.command_steps
	some k, plugin in entry.step.plugins
}

settings contains {
	"base": array.concat(entry.path, ["extra"]), "config": entry.step.extra,
	"where": sprintf("step `%s`", [secrets.step_name(entry)]),
} if {
	some entry in pipeline.command_steps
	is_object(entry.step.extra)
}

# setting_hits: [path inside config, what, evidence] for every risky setting.
setting_hits(config) := (((((((({{"path": path, "what": "runs a privileged container", "evidence": "privileged: true"} |
	walk(config, [path, value])
	last(path) == "privileged"
	truthy(value)
} | {{"path": path, "what": sprintf("shares the host's `%s` namespace", [key]), "evidence": sprintf("%s: host", [key])} |
	walk(config, [path, value])
	key := last(path)
	key in {"pid", "ipc", "userns", "uts"}
	is_string(value)
	lower(value) == "host"
}) | {{"path": path, "what": sprintf("shares the host's namespace with `%s`", [key]), "evidence": sprintf("%s: true", [key])} |
	walk(config, [path, value])
	key := last(path)
	key in {"hostPID", "hostIPC"}
	truthy(value)
}) | {{"path": path, "what": "uses the host's network", "evidence": sprintf("%s: host", [key])} |
	knobs.report_host_network
	walk(config, [path, value])
	key := last(path)
	key in {"network", "net", "network_mode", "network-mode"}
	is_string(value)
	lower(value) == "host"
}) | {{"path": path, "what": "uses the host's network", "evidence": "hostNetwork: true"} |
	knobs.report_host_network
	walk(config, [path, value])
	last(path) == "hostNetwork"
	truthy(value)
}) | {{"path": path, "what": sprintf("adds capability `%s`", [value]), "evidence": value} |
	walk(config, [path, value])
	count(path) >= 2
	capability_list(path)
	is_string(value)
	dangerous_capability(value)
}) | {{"path": path, "what": sprintf("disables confinement with `%s`", [value]), "evidence": value} |
	walk(config, [path, value])
	count(path) >= 2
	path[count(path) - 2] in {"security-opts", "security-opt", "security_opt", "securityOpts"}
	is_string(value)
	unconfined_option(value)
}) | {{"path": path, "what": "disables seccomp confinement", "evidence": "type: Unconfined"} |
	walk(config, [path, value])
	count(path) >= 2
	path[count(path) - 2] == "seccompProfile"
	last(path) == "type"
	value == "Unconfined"
}) | {{"path": path, "what": sprintf("mounts host path `%s` into the container", [source]), "evidence": value} |
	walk(config, [path, value])
	count(path) >= 2
	path[count(path) - 2] in {"volumes", "volume", "mounts"}
	is_string(value)
	contains(value, ":")
	source := mount_source(value)
	source in knobs.sensitive_host_paths
}) | {{"path": path, "what": sprintf("mounts host path `%s` into the pod", [value]), "evidence": value} |
	walk(config, [path, value])
	count(path) >= 2
	path[count(path) - 2] == "hostPath"
	last(path) == "path"
	is_string(value)
	trim_suffix_slash(value) in knobs.sensitive_host_paths
}

# command_hits: risky `docker run`-style flags on one command line.
command_hits(line) := ((((({{"what": "runs a privileged container (`--privileged`)", "evidence": m[1]} |
	some m in regex.find_all_string_submatch_n(`(?:^|\s)(--privileged(?:=true)?)(?:[\s"';&|)\\]|$)`, line, -1)
} | {{"what": sprintf("shares a host namespace (`%s`)", [m[1]]), "evidence": m[1]} |
	some m in regex.find_all_string_submatch_n(`(?:^|\s)(--(?:pid|ipc|userns|uts)[= ]["']?host)\b`, line, -1)
}) | {{"what": sprintf("uses the host's network (`%s`)", [m[1]]), "evidence": m[1]} |
	knobs.report_host_network
	some m in regex.find_all_string_submatch_n(`(?:^|\s)(--net(?:work)?[= ]["']?host)\b`, line, -1)
}) | {{"what": sprintf("adds capability `%s`", [m[2]]), "evidence": m[1]} |
	some m in regex.find_all_string_submatch_n(`(?:^|\s)(--cap-add[= ]["']?([A-Za-z_]+))`, line, -1)
	dangerous_capability(m[2])
}) | {{"what": sprintf("disables confinement (`%s`)", [m[1]]), "evidence": m[1]} |
	some m in regex.find_all_string_submatch_n(`(?:^|\s)(--security-opt[= ]["']?([A-Za-z]+[=:][A-Za-z]+))`, line, -1)
	unconfined_option(m[2])
}) | {{"what": sprintf("mounts host path `%s` into the container", [source]), "evidence": m[1]} |
	some m in regex.find_all_string_submatch_n(`(?:^|\s)((?:-v|--volume)[= ]\s*["']?([^\s"']+))`, line, -1)
	source := mount_source(m[2])
	source in knobs.sensitive_host_paths
}) | {{"what": sprintf("mounts host path `%s` into the container", [source]), "evidence": m[1]} |
	some m in regex.find_all_string_submatch_n(`(?:^|\s)(--mount[= ]\s*["']?([^\s"']+))`, line, -1)
	some s in regex.find_all_string_submatch_n(`(?:^|,)(?:source|src)=([^,]+)`, m[2], -1)
	source := trim_suffix_slash(s[1])
	source in knobs.sensitive_host_paths
}

last(path) := path[count(path) - 1]

truthy(true)

truthy("true")

# capability_list: the path is an entry of an added-capabilities list
# (`add-caps`, `cap-add`, `cap_add`, or a pod's `capabilities.add`).
capability_list(path) if path[count(path) - 2] in {"add-caps", "cap-add", "cap_add", "cap-adds"}

capability_list(path) if {
	count(path) >= 3
	path[count(path) - 2] == "add"
	path[count(path) - 3] == "capabilities"
}

dangerous_capability(cap) if trim_prefix(upper(cap), "CAP_") in {upper(c) | some c in knobs.dangerous_capabilities}

unconfined_option(option) if regex.match(`(?i)^(seccomp|apparmor|systempaths)[=:]unconfined$|^label[=:]disable$`, option)

# mount_source: the host side of a `SOURCE:TARGET[:mode]` volume, normalised.
mount_source(volume) := trim_suffix_slash(split(volume, ":")[0])

trim_suffix_slash("/") := "/"

trim_suffix_slash(path) := trim_suffix(path, "/") if path != "/"
