# METADATA
# title: Remote script piped to a shell
# description: |
#   A command that downloads a script and runs it in the same breath (`curl … | bash`,
#   `wget -qO- … | sh`, `bash <(curl …)`, `sh -c "$(curl …)"`, `iex (iwr …)`) executes
#   whatever the server returns at that moment, with the build's credentials, and leaves
#   no copy to review: a compromised or spoofed host, or a changed script, runs as the
#   build. Interpreters fed JSON to parse (`curl … | python -m json.tool`,
#   `| python -c '…'`, `| node -e '…'`) are not reported.
# related_resources:
#   - ref: https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse
#   - ref: https://buildkite.com/docs/pipelines/security/enforcing-security-controls
# custom:
#   id: pipeline/remote_script_piped_to_shell
#   severity: high
#   area: 3
#   target: pipeline
#   remediation: Download the script to a file, check it against a pinned SHA-256 (`echo "<sha256>  install.sh" | sha256sum --check`), then run it; better, install the tool from a package manager or a pinned, signed release.
#   config:
#     patterns:
#       description: |
#         Regular expressions on command lines and plugin config strings, by the kind of
#         execution named in the message. When a pattern has a capturing group, the first
#         group is the evidence. Overrides merge by kind; set one to `[]` to turn it off.
#       default:
#         piped into a shell: ['\b(?:curl|wget)\b(?:[^|;&\n]|&[^&\s]|\\\n)*(?:\|(?:[^|;&\n]|&[^&\s]|\\\n)+)*\|\s*(?:sudo\s+(?:-\S+\s+(?:\w+\s+)?)*)?(?:env\s+(?:\S+=\S*\s+)*)?(?:(?:/usr)?/bin/)?(?:ba|z|k|da|a|fi|tc)?sh\b']
#         piped into an interpreter: ['(\b(?:curl|wget)\b(?:[^|;&\n]|&[^&\s]|\\\n)*(?:\|(?:[^|;&\n]|&[^&\s]|\\\n)+)*\|\s*(?:sudo\s+(?:-\S+\s+(?:\w+\s+)?)*)?(?:env\s+(?:\S+=\S*\s+)*)?(?:(?:/usr)?/bin/)?(?:python[0-9.]*|perl|ruby|node|pwsh|powershell)(?:\s+-)?)\s*(?:$|[;&|)\n])']
#         run through process substitution: ['\b(?:(?:ba|z|k|da|a)?sh|source|python[0-9.]*|perl|ruby|node)\s+(?:-\S+\s+)*<\(\s*(?:curl|wget)\b[^)]*\)', '(?:^|[\s;&|(])(\.\s+<\(\s*(?:curl|wget)\b[^)]*\))']
#         run through command substitution: ['\b(?:(?:ba|z|k|da|a)?sh|python[0-9.]*|perl|ruby|node)\s+(?:-\S+\s+)*-c\s+["'']?(?:\$\(|\x60)\s*(?:curl|wget)\b[^)\x60]*[)\x60]', '\beval\s+["'']?(?:\$\(|\x60)\s*(?:curl|wget)\b[^)\x60]*[)\x60]']
#         run with PowerShell Invoke-Expression: ['(?i)\b(?:iex|Invoke-Expression)\b[\s(]*(?:\$\()?[\s(]*(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|curl|wget|New-Object\s+(?:System\.)?Net\.WebClient)\b[^\n;|]*', '(?i)\b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|DownloadString)\b[^\n|;]*\|\s*(?:iex|Invoke-Expression)\b']
#     allowed_sources:
#       default: []
#       description: Regular expressions; a match containing one of them is not reported (e.g. an internal installer host you vouch for).
package pipeline.remote_script_piped_to_shell

import data.lib.detect_transport as transport
import data.lib.findings
import data.lib.hints

knobs := findings.knobs(rego.metadata.chain())

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("a script fetched at build time is %s without verification: `%s`", [kind, fragment]),
	t.path,
	fragment,
) if {
	some t in transport.folded_runnable_texts
	some kind, patterns in knobs.patterns
	hints.possible(t.folded, pattern_needles[kind])
	some fragment in transport.fragments(t.text, patterns)
	not transport.matches(fragment, knobs.allowed_sources)
}

# pattern_needles: per kind, the literal prefilter of its patterns (lib.hints).
pattern_needles := {kind: hints.needles(patterns, pattern_hints) | some kind, patterns in knobs.patterns}

# pattern_hints: for each default pattern, lower-case literals one of which every match contains.
pattern_hints := {
	`\b(?:curl|wget)\b(?:[^|;&\n]|&[^&\s]|\\\n)*(?:\|(?:[^|;&\n]|&[^&\s]|\\\n)+)*\|\s*(?:sudo\s+(?:-\S+\s+(?:\w+\s+)?)*)?(?:env\s+(?:\S+=\S*\s+)*)?(?:(?:/usr)?/bin/)?(?:ba|z|k|da|a|fi|tc)?sh\b`: ["curl", "wget"],
	`(\b(?:curl|wget)\b(?:[^|;&\n]|&[^&\s]|\\\n)*(?:\|(?:[^|;&\n]|&[^&\s]|\\\n)+)*\|\s*(?:sudo\s+(?:-\S+\s+(?:\w+\s+)?)*)?(?:env\s+(?:\S+=\S*\s+)*)?(?:(?:/usr)?/bin/)?(?:python[0-9.]*|perl|ruby|node|pwsh|powershell)(?:\s+-)?)\s*(?:$|[;&|)\n])`: ["curl", "wget"],
	`\b(?:(?:ba|z|k|da|a)?sh|python[0-9.]*|perl|ruby|node)\s+(?:-\S+\s+)*-c\s+["']?(?:\$\(|\x60)\s*(?:curl|wget)\b[^)\x60]*[)\x60]`: ["curl", "wget"],
	`\beval\s+["']?(?:\$\(|\x60)\s*(?:curl|wget)\b[^)\x60]*[)\x60]`: ["curl", "wget"],
	`\b(?:(?:ba|z|k|da|a)?sh|source|python[0-9.]*|perl|ruby|node)\s+(?:-\S+\s+)*<\(\s*(?:curl|wget)\b[^)]*\)`: ["curl", "wget"],
	`(?:^|[\s;&|(])(\.\s+<\(\s*(?:curl|wget)\b[^)]*\))`: ["curl", "wget"],
	`(?i)\b(?:iex|Invoke-Expression)\b[\s(]*(?:\$\()?[\s(]*(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|curl|wget|New-Object\s+(?:System\.)?Net\.WebClient)\b[^\n;|]*`: ["iex", "invoke-expression"],
	`(?i)\b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|DownloadString)\b[^\n|;]*\|\s*(?:iex|Invoke-Expression)\b`: ["iex", "invoke-expression"],
}
