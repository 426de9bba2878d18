# METADATA
# title: Insecure transport
# description: |
#   A command, environment value, plugin setting or notification that uses a plain-text
#   URL (`http://`, `ftp://`, `ws://`, `git://`) sends and receives data that anyone on
#   the network path can read or change: a downloaded tool, package mirror or script can
#   be swapped in transit. Loopback addresses (`localhost`, `127.0.0.0/8`, `[::1]`,
#   `0.0.0.0`), single-label service names (`http://app:3000`, containers on the build's
#   own network) and the hosts in `allowed_hosts` (cloud metadata endpoints) pass.
#   A host set at run time (`http://$HOST/`) is reported: nothing shows it is local.
# related_resources:
#   - ref: https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html
#   - ref: https://buildkite.com/docs/pipelines/security/enforcing-security-controls
# custom:
#   id: pipeline/insecure_transport
#   severity: medium
#   area: 3
#   target: pipeline
#   remediation: Use `https://` (or `ssh://`) for every remote URL; if a mirror only speaks HTTP, put it behind TLS or verify what it serves with a pinned checksum.
#   config:
#     schemes:
#       default: ["http", "ftp", "ws", "git"]
#       description: URL schemes (lower case) that carry data unencrypted.
#     allowed_hosts:
#       default:
#         - 169.254.169.254
#         - 169.254.170.2
#         - metadata.google.internal
#         - host.docker.internal
#         - www.w3.org
#         - maven.apache.org
#         - schemas.xmlsoap.org
#         - schemas.microsoft.com
#       description: >-
#         Hosts reached over plain text on purpose (exact names, or `*.suffix`): cloud metadata
#         endpoints, and hosts of XML namespace names (`xmlns="http://maven.apache.org/POM/4.0.0"`
#         in a heredoc), which are identifiers, not fetched.
#     allow_single_label_hosts:
#       default: true
#       description: Let hosts without a dot (`http://app:3000`, `http://db`) pass, as names of containers or services on the build's own network.
package pipeline.insecure_transport

import data.lib.detect_transport as transport
import data.lib.findings

knobs := findings.knobs(rego.metadata.chain())

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("command fetches or sends data over unencrypted `%s`: `%s`; use https", [scheme(url), url]),
	t.path,
	url,
) if {
	some t in transport.command_texts
	some url in insecure_urls(t.text)
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("env `%s` holds an unencrypted `%s` URL: `%s`; use https", [e.name, scheme(url), url]),
	e.path,
	url,
) if {
	some e in transport.env_values
	some url in insecure_urls(e.value)
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("plugin `%s` is configured with an unencrypted `%s` URL: `%s`; use https", [plugin_name(t.path), scheme(url), url]),
	t.path,
	url,
) if {
	some t in transport.plugin_texts
	some url in insecure_urls(t.text)
}

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("notification is sent over unencrypted `%s`: `%s`", [scheme(url), url]),
	array.concat(["notify"], p),
	url,
) if {
	[p, value] := walk(object.get(input.pipeline, "notify", []))
	is_string(value)
	some url in insecure_urls(value)
}

# insecure_urls: the plain-text URLs in text whose host is not local or allowed.
insecure_urls(text) := {url |
	some url in transport.urls(text, knobs.schemes)
	host := transport.url_host(url)
	not local_host(host)
}

local_host(host) if transport.loopback(host)

local_host(host) if transport.host_allowed(host, knobs.allowed_hosts)

local_host(host) if {
	knobs.allow_single_label_hosts == true
	regex.match(`^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$`, host)
}

# scheme is the URL's scheme with `://`, as written (`http://`).
scheme(url) := concat("", [split(url, "://")[0], "://"])

# plugin_name names the plugin a config path points into.
plugin_name(path) := input.pipeline.steps[path[1]].plugins[path[3]].name if path[2] == "plugins"

plugin_name(path) := input.pipeline.steps[path[1]].steps[path[3]].plugins[path[5]].name if path[2] == "steps"
