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
	sprintf("%s %s; drop it, the job does not need the host", [hit.where, hit.what]),
	hit.path,
	hit.evidence,
) if {
	some hit in setting_hits
}

# Flags on command lines.
deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("step `%s` %s; drop it, the job does not need the host", [pipeline.step_name(pipeline.command_steps[hit.at]), hit.what]),
	hit.path,
	hit.evidence,
) if {
	some hit in command_hits
}

# settings: the configuration trees to inspect, with their base path, their step (`at`, its
# index in lib.pipeline.command_steps) and whose they are (`of`: a plugin and its name, or the step).
# Arrays, here and in nodes: entries hold whole configurations, which a set would hash.
settings := array.concat(
	[{"base": array.concat(entry.path, ["plugins", k, "config"]), "config": plugin.config, "at": i, "of": "plugin", "plugin": plugin.name} |
		some i, entry in pipeline.command_steps
		some k, plugin in entry.step.plugins
	],
	[{"base": array.concat(entry.path, ["extra"]), "config": entry.step.extra, "at": i, "of": "step"} |
		some i, entry in pipeline.command_steps
		is_object(entry.step.extra)
	],
)

# nodes: every value inside the settings, with its full path, the key holding it
# (`parent` is the key one level up, for list entries) and its setting.
nodes := [{"path": array.concat(s.base, sub), "sub": sub, "key": last(sub), "parent": parent(sub), "value": value, "setting": s} |
	some s in settings
	walk(s.config, [sub, value])
	count(sub) > 0
]

# where: the phrase naming a setting.
where(setting) := sprintf("plugin `%s` in step `%s`", [setting.plugin, pipeline.step_name(pipeline.command_steps[setting.at])]) if setting.of == "plugin"

where(setting) := sprintf("step `%s`", [pipeline.step_name(pipeline.command_steps[setting.at])]) if setting.of == "step"

# setting_hits: risky settings: path, what, evidence and where.
setting_hits contains hit(n, "runs a privileged container", "privileged: true") if {
	some n in nodes
	n.key == "privileged"
	truthy(n.value)
}

setting_hits contains hit(n, sprintf("shares the host's `%s` namespace", [n.key]), sprintf("%s: host", [n.key])) if {
	some n in nodes
	n.key in {"pid", "ipc", "userns", "uts"}
	is_string(n.value)
	lower(n.value) == "host"
}

setting_hits contains hit(n, sprintf("shares the host's namespace with `%s`", [n.key]), sprintf("%s: true", [n.key])) if {
	some n in nodes
	n.key in {"hostPID", "hostIPC"}
	truthy(n.value)
}

setting_hits contains hit(n, "uses the host's network", sprintf("%s: host", [n.key])) if {
	knobs.report_host_network
	some n in nodes
	n.key in {"network", "net", "network_mode", "network-mode"}
	is_string(n.value)
	lower(n.value) == "host"
}

setting_hits contains hit(n, "uses the host's network", "hostNetwork: true") if {
	knobs.report_host_network
	some n in nodes
	n.key == "hostNetwork"
	truthy(n.value)
}

setting_hits contains hit(n, sprintf("adds capability `%s`", [n.value]), n.value) if {
	some n in nodes
	capability_list(n.sub)
	is_string(n.value)
	dangerous_capability(n.value)
}

setting_hits contains hit(n, sprintf("disables confinement with `%s`", [n.value]), n.value) if {
	some n in nodes
	n.parent in {"security-opts", "security-opt", "security_opt", "securityOpts"}
	is_string(n.value)
	unconfined_option(n.value)
}

setting_hits contains hit(n, "disables seccomp confinement", "type: Unconfined") if {
	some n in nodes
	n.parent == "seccompProfile"
	n.key == "type"
	n.value == "Unconfined"
}

setting_hits contains hit(n, sprintf("mounts host path `%s` into the container", [source]), n.value) if {
	some n in nodes
	n.parent in {"volumes", "volume", "mounts"}
	is_string(n.value)
	contains(n.value, ":")
	source := mount_source(n.value)
	source in knobs.sensitive_host_paths
}

setting_hits contains hit(n, sprintf("mounts host path `%s` into the pod", [n.value]), n.value) if {
	some n in nodes
	n.parent == "hostPath"
	n.key == "path"
	is_string(n.value)
	trim_suffix_slash(n.value) in knobs.sensitive_host_paths
}

hit(n, what, evidence) := {"path": n.path, "where": where(n.setting), "what": what, "evidence": evidence}

# command_lines: every line of every command, with its path and its step's index in
# lib.pipeline.command_steps. An array of small entries: a set would hash each entry.
command_lines := [{"path": c.path, "at": c.at, "text": text} |
	some c in pipeline.commands
	some text in secrets.lines(c.text)
]

# command_hits: risky `docker run`-style flags: step, path, what, and the fragment.
command_hits contains line_hit(line, "runs a privileged container (`--privileged`)", m[1]) if {
	some line in command_lines
	contains(line.text, "--privileged")
	some m in regex.find_all_string_submatch_n(`(?:^|\s)(--privileged(?:=true)?)(?:[\s"';&|)\\]|$)`, line.text, -1)
}

command_hits contains line_hit(line, sprintf("shares a host namespace (`%s`)", [m[1]]), m[1]) if {
	some line in command_lines
	contains(line.text, "host")
	some m in regex.find_all_string_submatch_n(`(?:^|\s)(--(?:pid|ipc|userns|uts)[= ]["']?host)\b`, line.text, -1)
}

command_hits contains line_hit(line, sprintf("uses the host's network (`%s`)", [m[1]]), m[1]) if {
	knobs.report_host_network
	some line in command_lines
	contains(line.text, "host")
	some m in regex.find_all_string_submatch_n(`(?:^|\s)(--net(?:work)?[= ]["']?host)\b`, line.text, -1)
}

command_hits contains line_hit(line, sprintf("adds capability `%s`", [m[2]]), m[1]) if {
	some line in command_lines
	contains(line.text, "--cap-add")
	some m in regex.find_all_string_submatch_n(`(?:^|\s)(--cap-add[= ]["']?([A-Za-z_]+))`, line.text, -1)
	dangerous_capability(m[2])
}

command_hits contains line_hit(line, sprintf("disables confinement (`%s`)", [m[1]]), m[1]) if {
	some line in command_lines
	contains(line.text, "--security-opt")
	some m in regex.find_all_string_submatch_n(`(?:^|\s)(--security-opt[= ]["']?([A-Za-z]+[=:][A-Za-z]+))`, line.text, -1)
	unconfined_option(m[2])
}

command_hits contains line_hit(line, sprintf("mounts host path `%s` into the container", [source]), m[1]) if {
	some line in command_lines
	contains(line.text, "-v")
	some m in regex.find_all_string_submatch_n(`(?:^|\s)((?:-v|--volume)[= ]\s*["']?([^\s"']+))`, line.text, -1)
	source := mount_source(m[2])
	source in knobs.sensitive_host_paths
}

command_hits contains line_hit(line, sprintf("mounts host path `%s` into the container", [source]), m[1]) if {
	some line in command_lines
	contains(line.text, "--mount")
	some m in regex.find_all_string_submatch_n(`(?:^|\s)(--mount[= ]\s*["']?([^\s"']+))`, line.text, -1)
	some s in regex.find_all_string_submatch_n(`(?:^|,)(?:source|src)=([^,]+)`, m[2], -1)
	source := trim_suffix_slash(s[1])
	source in knobs.sensitive_host_paths
}

line_hit(line, what, evidence) := {"path": line.path, "at": line.at, "what": what, "evidence": evidence}

last(path) := path[count(path) - 1]

# parent: the key one level above the last, or null at the top.
parent(path) := path[count(path) - 2] if count(path) >= 2

parent(path) := null if count(path) < 2

truthy(true)

truthy("true")

# capability_list: the path is an entry of an added-capabilities list
# (`add-caps`, `cap-add`, `cap_add`, or a pod's `capabilities.add`).
capability_list(path) if parent(path) in {"add-caps", "cap-add", "cap_add", "cap-adds"}

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
