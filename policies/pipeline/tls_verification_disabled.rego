# METADATA
# title: TLS verification disabled
# description: |
#   A command, plugin setting or environment variable that turns off TLS certificate
#   verification (`curl -k`, `wget --no-check-certificate`, `NODE_TLS_REJECT_UNAUTHORIZED=0`,
#   `GIT_SSL_NO_VERIFY`, `git -c http.sslVerify=false`, `npm … strict-ssl false`,
#   `pip --trusted-host`, `--insecure-skip-tls-verify`, …) accepts any certificate, so a
#   machine in the network path can impersonate the server and swap what the build
#   downloads or read the credentials it sends. `docker --tls=false` is not reported:
#   it only concerns the Docker daemon connection, which is usually a local socket.
# related_resources:
#   - ref: https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html
#   - ref: https://buildkite.com/docs/pipelines/security/enforcing-security-controls
# custom:
#   id: pipeline/tls_verification_disabled
#   severity: high
#   area: 3
#   target: pipeline
#   remediation: Remove the flag or variable that skips certificate checks; if a server uses a private CA, trust that CA instead (`curl --cacert`, `NODE_EXTRA_CA_CERTS`, `git -c http.sslCAInfo=…`, `pip --cert`).
#   config:
#     command_patterns:
#       description: |
#         Regular expressions on command lines and plugin config strings, by the tool named in
#         the message. When a pattern has a capturing group, the first group is the evidence.
#         Overrides merge by tool name: add a tool, or set one to `[]` to turn it off.
#       default:
#         curl: ['\bcurl\b(?:[^|;&\n]|\\\n)*?\s(?:--insecure|-[a-zA-Z]*k[a-zA-Z]*)\b']
#         wget: ['\bwget\b(?:[^|;&\n]|\\\n)*?\s--no-check-certificate\b', '\bcheck_certificate\s*=\s*off\b']
#         PowerShell: ['(?i)-SkipCertificateCheck\b', '(?i)ServerCertificateValidationCallback\s*=\s*\{\s*\$true\s*\}']
#         Node.js: ['\bNODE_TLS_REJECT_UNAUTHORIZED\s*=\s*["'']?0\b']
#         git: ['\bGIT_SSL_NO_VERIFY=\S*', '(?i)\bhttp\.(?:\S*\.)?sslverify(?:\s*=\s*|\s+)["'']?(?:false|no|off|0)\b']
#         npm/yarn: ['(?i)(?:\b(?:npm|yarn|pnpm)\s+config\s+set\s+)?\bstrict[-_]ssl(?:\s*=\s*|\s+)["'']?false\b', '(?i)\benableStrictSsl(?:\s*[=:]\s*|\s+)["'']?false\b', '(?i)\bYARN_ENABLE_STRICT_SSL\s*=\s*["'']?(?:false|0)\b']
#         pip: ['--trusted-host(?:=|\s+)\S+', '(?i)\bglobal\.trusted-host\s+\S+', '\bPIP_TRUSTED_HOST=\S+', '--allow-insecure-host(?:=|\s+)\S+', '\bUV_INSECURE_HOST=\S+']
#         Python: ['\bPYTHONHTTPSVERIFY=["'']?0\b']
#         kubectl/helm: ['(--(?:kube-)?insecure-skip-tls-verify(?:=true)?|insecure-skip-tls-verify:\s*true)(?:[^=\w-]|$)', '\bHELM_KUBEINSECURE_SKIP_TLS_VERIFY=["'']?(?:true|1)\b']
#         skopeo/podman/buildah: ['--(?:src-|dest-)?tls-verify=false\b']
#         AWS CLI: ['\baws\b(?:[^|;&\n]|\\\n)*?\s--no-verify-ssl\b']
#         gcloud: ['(?i)\bauth/disable_ssl_validation\s+true\b']
#         Maven: ['-Dmaven\.wagon\.http\.ssl\.(?:insecure|allowall|ignore\.validity\.dates)=true\b']
#         Composer: ['\bcomposer\s+config\s+(?:-g\s+|--global\s+)?disable-tls\s+true\b']
#         Go: ['\bGOINSECURE=\S+', '\bgo\s+get\b[^|;&\n]*\s-insecure\b']
#         Ansible: ['(?i)\bvalidate_certs\s*[=:]\s*["'']?(?:false|no)\b']
#     env_vars:
#       description: Environment variables that disable TLS verification, with the values that do (lower case; `*` is any value). Overrides merge by name; `[]` turns one off.
#       default:
#         NODE_TLS_REJECT_UNAUTHORIZED: ["0"]
#         GIT_SSL_NO_VERIFY: ["*"]
#         PYTHONHTTPSVERIFY: ["0"]
#         NPM_CONFIG_STRICT_SSL: ["false"]
#         YARN_ENABLE_STRICT_SSL: ["false", "0"]
#         PIP_TRUSTED_HOST: ["*"]
#         UV_INSECURE_HOST: ["*"]
#         GOINSECURE: ["*"]
#         HELM_KUBEINSECURE_SKIP_TLS_VERIFY: ["true", "1"]
#         K8S_AUTH_VERIFY_SSL: ["false", "no", "0"]
package pipeline.tls_verification_disabled

import data.lib.detect_transport as transport
import data.lib.findings
import data.lib.hints

knobs := findings.knobs(rego.metadata.chain())

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("%s runs with TLS certificate verification disabled: `%s`; remove the flag and trust the right CA instead", [tool, fragment]),
	t.path,
	fragment,
) if {
	some t in transport.folded_runnable_texts
	some live in live_tools
	hints.possible(t.folded, live.needles)
	some fragment in transport.fragments(t.text, live.patterns)
	tool := live.tool
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("env `%s=%s` disables TLS certificate verification; remove it and trust the right CA instead", [e.name, e.value]),
	e.path,
	e.value,
) if {
	some e in (transport.env_values | transport.plugin_env)
	disabling_env(e.name, e.value)
}

# disabling_env holds when the variable is listed in env_vars with this value, or with `*`.
disabling_env(name, value) if {
	some listed, values in knobs.env_vars
	upper(name) == upper(listed)
	some bad in values
	bad_value(bad, value)
}

bad_value("*", _)

bad_value(bad, value) if lower(trim_space(value)) == lower(bad)

# command_needles: per tool, the literal prefilter of its command patterns (lib.hints).
command_needles := {tool: hints.needles(patterns, command_hints) | some tool, patterns in knobs.command_patterns}

# live_tools: the tools whose patterns may match a text of the input (a prefilter with a hint
# that occurs, or none), each with its patterns and needles, so a text is not tested per tool.
live_tools := [{"tool": tool, "patterns": patterns, "needles": needles} |
	some tool, patterns in knobs.command_patterns
	needles := command_needles[tool]
	live(needles)
]

live(null)

live(needles) if {
	is_array(needles)
	count(needles) > 0
}

# command_hints: for each default command pattern, lower-case literals one of which every match contains.
command_hints := {
	`\baws\b(?:[^|;&\n]|\\\n)*?\s--no-verify-ssl\b`: ["--no-verify-ssl"],
	`(?i)\bvalidate_certs\s*[=:]\s*["']?(?:false|no)\b`: ["validate_certs"],
	`\bcomposer\s+config\s+(?:-g\s+|--global\s+)?disable-tls\s+true\b`: ["disable-tls"],
	`\bGOINSECURE=\S+`: ["goinsecure="],
	`\bgo\s+get\b[^|;&\n]*\s-insecure\b`: ["-insecure"],
	`-Dmaven\.wagon\.http\.ssl\.(?:insecure|allowall|ignore\.validity\.dates)=true\b`: ["-dmaven.wagon.http.ssl."],
	`\bNODE_TLS_REJECT_UNAUTHORIZED\s*=\s*["']?0\b`: ["node_tls_reject_unauthorized"],
	`(?i)-SkipCertificateCheck\b`: ["-skipcertificatecheck"],
	`(?i)ServerCertificateValidationCallback\s*=\s*\{\s*\$true\s*\}`: ["servercertificatevalidationcallback"],
	`\bPYTHONHTTPSVERIFY=["']?0\b`: ["pythonhttpsverify="],
	`\bcurl\b(?:[^|;&\n]|\\\n)*?\s(?:--insecure|-[a-zA-Z]*k[a-zA-Z]*)\b`: ["curl"],
	`(?i)\bauth/disable_ssl_validation\s+true\b`: ["auth/disable_ssl_validation"],
	`\bGIT_SSL_NO_VERIFY=\S*`: ["git_ssl_no_verify="],
	`(?i)\bhttp\.(?:\S*\.)?sslverify(?:\s*=\s*|\s+)["']?(?:false|no|off|0)\b`: ["sslverify"],
	`(--(?:kube-)?insecure-skip-tls-verify(?:=true)?|insecure-skip-tls-verify:\s*true)(?:[^=\w-]|$)`: ["insecure-skip-tls-verify"],
	`\bHELM_KUBEINSECURE_SKIP_TLS_VERIFY=["']?(?:true|1)\b`: ["helm_kubeinsecure_skip_tls_verify="],
	`(?i)(?:\b(?:npm|yarn|pnpm)\s+config\s+set\s+)?\bstrict[-_]ssl(?:\s*=\s*|\s+)["']?false\b`: ["strict-ssl", "strict_ssl"],
	`(?i)\benableStrictSsl(?:\s*[=:]\s*|\s+)["']?false\b`: ["enablestrictssl"],
	`(?i)\bYARN_ENABLE_STRICT_SSL\s*=\s*["']?(?:false|0)\b`: ["yarn_enable_strict_ssl"],
	`--trusted-host(?:=|\s+)\S+`: ["--trusted-host"],
	`(?i)\bglobal\.trusted-host\s+\S+`: ["global.trusted-host"],
	`\bPIP_TRUSTED_HOST=\S+`: ["pip_trusted_host="],
	`--allow-insecure-host(?:=|\s+)\S+`: ["--allow-insecure-host"],
	`\bUV_INSECURE_HOST=\S+`: ["uv_insecure_host="],
	`--(?:src-|dest-)?tls-verify=false\b`: ["tls-verify=false"],
	`\bwget\b(?:[^|;&\n]|\\\n)*?\s--no-check-certificate\b`: ["--no-check-certificate"],
	`\bcheck_certificate\s*=\s*off\b`: ["check_certificate"],
}
