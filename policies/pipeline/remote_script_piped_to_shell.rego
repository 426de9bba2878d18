# METADATA
# title: Remote script piped to a shell
# description: |
#   A command that downloads a script and runs it in the same breath (`curl … | bash`,
#   `wget -qO- … | sh`, `bash <(curl …)`, `sh -c "$(curl …)"`, `iex (iwr …)`) executes
#   whatever the server returns at that moment, with the build's credentials, and leaves
#   no copy to review: a compromised or spoofed host, or a changed script, runs as the
#   build. Interpreters fed JSON to parse (`curl … | python -m json.tool`,
#   `| python -c '…'`, `| node -e '…'`) are not reported. Also reported: a script decoded
#   from base64 into a shell (`base64 -d | sh`), and a file downloaded with curl or wget
#   (`-o FILE`, `-O URL`) and then run in the same step, made executable with `chmod` or
#   handed to a shell or interpreter (`sh get-docker.sh`), when the step checks no
#   checksum or signature (`sha256sum`, `gpg --verify`, `cosign verify` …).
#   Whole-line shell comments (`# curl … | sh`) are not reported.
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
#         piped into an interpreter: ['(\b(?:curl|wget)\b(?:[^|;&\n]|&[^&\s]|\\\n)*(?:\|(?:[^|;&\n]|&[^&\s]|\\\n)+)*\|\s*(?:sudo\s+(?:-\S+\s+(?:\w+\s+)?)*)?(?:env\s+(?:\S+=\S*\s+)*)?(?:(?:/usr)?/bin/)?(?:python[0-9.]*|perl|ruby|node|php|pwsh|powershell)(?:\s+-|\s+--(?:\s+[^\s;&|)>]+)*)?)\s*(?:$|[;&|)>\n])']
#         run through process substitution: ['\b(?:(?:ba|z|k|da|a)?sh|source|python[0-9.]*|perl|ruby|node)\s+(?:-\S+\s+)*<\(\s*(?:curl|wget)\b[^)]*\)', '(?:^|[\s;&|(])(\.\s+<\(\s*(?:curl|wget)\b[^)]*\))']
#         run through command substitution: ['\b(?:(?:ba|z|k|da|a)?sh|python[0-9.]*|perl|ruby|node)\s+(?:-\S+\s+)*-c\s+["'']?(?:\$\(|\x60)\s*(?:curl|wget)\b[^)\x60]*[)\x60]', '\beval\s+["'']?(?:\$\(|\x60)\s*(?:curl|wget)\b[^)\x60]*[)\x60]']
#         decoded from base64 and piped into a shell: ['\bbase64\s+(?:-\w+\s+)*(?:-d|-D|--decode)\b[^|;&\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:(?:/usr)?/bin/)?(?:ba|z|k|da|a)?sh\b']
#         run with PowerShell Invoke-Expression: ['(?i)\b(?:iex|Invoke-Expression)\b[\s(]*(?:\$\()?[\s(]*(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|curl|wget|New-Object\s+(?:System\.)?Net\.WebClient)\b[^\n;|]*', '(?i)\b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|DownloadString)\b[^\n|;]*\|\s*(?:iex|Invoke-Expression)\b']
#     allowed_sources:
#       default: []
#       description: Regular expressions; a match containing one of them is not reported (e.g. an internal installer host you vouch for).
package pipeline.remote_script_piped_to_shell

import data.lib.detect_transport as transport
import data.lib.findings
import data.lib.hints
import data.lib.pipeline

knobs := findings.knobs(rego.metadata.chain())

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("%s %s without verification: `%s`", [subject(kind), kind, fragment]),
	t.path,
	fragment,
) if {
	some t in transport.folded_runnable_texts
	some kind, patterns in knobs.patterns
	hints.possible(t.folded, pattern_needles[kind])
	some fragment in transport.fragments(code(t.text), patterns)
	not transport.matches(fragment, knobs.allowed_sources)
}

# A file downloaded with curl/wget and then run (made executable and executed, or handed to
# a shell or interpreter), with no checksum or signature check anywhere in the step.
deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("a file fetched at build time is saved as `%s` and %s without verification: `%s`", [d.file, how, d.fragment]),
	c.path,
	d.fragment,
) if {
	some c in pipeline.commands
	downloader(c.text)
	some d in downloads(code(c.text))
	text := code(pipeline.step_text(c.step.step))
	some how in run_ways(text, d.file)
	not verified(text)
	not transport.matches(d.fragment, knobs.allowed_sources)
}

# run_ways: how text runs file: made executable and executed, or read by a shell or interpreter.
run_ways(text, file) := {how |
	contains(text, "chmod")
	made_executable(text, file)
	runs_file(text, file)
	how := "made executable and run"
} | {how |
	interprets_file(text, file)
	how := "run by an interpreter"
}

downloader(text) if contains(text, "curl")

downloader(text) if contains(text, "wget")

subject(kind) := "an encoded script is" if startswith(kind, "decoded")

subject(kind) := "a script fetched at build time is" if not startswith(kind, "decoded")

# code: text without its whole-line shell comments (`# curl … | sh` runs nothing).
code(text) := text if not contains(text, "#")

code(text) := concat("\n", [line | some line in split(text, "\n"); not startswith(trim_space(line), "#")]) if contains(text, "#")

# downloads: each `curl -o FILE` / `curl -O URL` / `wget -O FILE` in text, {fragment, file}.
downloads(text) := {{"fragment": trim_space(m[0]), "file": file} |
	some m in regex.find_all_string_submatch_n(`\b(?:curl|wget)\b[^\n;&|]*?\s(?:-[A-Za-z]*[oO]|--output(?:-document)?|--remote-name)(?:\s+|=)?("[^"]+"|'[^']+'|[^\s;&|"']+)`, text, -1)
	file := saved_file(trim(m[1], `"'`))
	not file in {"-", "/dev/null", ""}
}

# saved_file: the file a download writes; for `-O URL` (remote name), the URL's last segment.
saved_file(target) := target if not contains(target, "://")

saved_file(target) := parts[count(parts) - 1] if {
	contains(target, "://")
	parts := split(split(target, "?")[0], "/")
}

# made_executable: a `chmod` giving execute permission to file.
made_executable(text, file) if {
	some m in regex.find_all_string_submatch_n(`\bchmod\s+(?:-\w+\s+)*(?:[ugoa]*\+[rwxX]*x[rwxX]*|[0-7]*[1357][0-7]*)\s+("[^"]+"|'[^']+'|[^\s;&|]+)`, text, -1)
	same_file(trim(m[1], `"'`), file)
}

# runs_file: a simple command of text starts with file (`./file`, `"$$BIN" …`, `sudo file`).
runs_file(text, file) if {
	some m in regex.find_all_string_submatch_n(`[^;&|\n()\x60]+`, text, -1)
	words := [w | some w in split(trim_space(m[0]), " "); w != ""]
	same_file(trim(command_word(words), `"'`), file)
}

# interprets_file: a simple command of text hands file to a shell or interpreter
# (`sh install.sh`, `sudo bash ./get.sh -y`, `python3 get-pip.py`, `. ./env.sh`).
interprets_file(text, file) if {
	some m in regex.find_all_string_submatch_n(`[^;&|\n()\x60]+`, text, -1)
	words := [w | some w in split(trim_space(m[0]), " "); w != ""]
	i := interpreter_at(words)
	j := min({k | some k, w in words; k > i; not startswith(w, "-")})
	same_file(trim(words[j], `"'`), file)
}

interpreter_at(words) := 1 if {
	words[0] in {"sudo", "exec", "then", "do", "time", "else"}
	interpreter(words[1])
} else := 0 if interpreter(words[0])

interpreter(word) if regex.match(`^(?:(?:/usr)?/bin/)?(?:(?:ba|z|k|da|a)?sh|source|\.|python[0-9.]*|perl|ruby|node|php|pwsh|powershell)$`, word)

command_word(words) := words[1] if {
	words[0] in {"sudo", "exec", "then", "do", "time", "else"}
	count(words) > 1
} else := words[0]

same_file(a, a)

same_file(a, b) if concat("", ["./", a]) == b

same_file(a, b) if concat("", ["./", b]) == a

# verified: the step checks a checksum or signature somewhere.
verified(text) if regex.match(`(?i)\b(?:sha(?:1|224|256|384|512)?sum|shasum|md5sum|b2sum|gpgv?\s+(?:--\S+\s+)*--verify|cosign\s+verify|minisign|signify|openssl\s+dgst|slsa-verifier|attestation\s+verify|Get-FileHash|certutil|--checksum|sha256)\b`, text)

# pattern_needles: per kind, the literal prefilter of its patterns (lib.hints).
pattern_needles := {kind: hints.needles(patterns, pattern_hints) | some kind, patterns in knobs.patterns}

# pattern_hints: for each default pattern, lower-case literals one of which every match contains.
pattern_hints := {
	`\b(?:curl|wget)\b(?:[^|;&\n]|&[^&\s]|\\\n)*(?:\|(?:[^|;&\n]|&[^&\s]|\\\n)+)*\|\s*(?:sudo\s+(?:-\S+\s+(?:\w+\s+)?)*)?(?:env\s+(?:\S+=\S*\s+)*)?(?:(?:/usr)?/bin/)?(?:ba|z|k|da|a|fi|tc)?sh\b`: ["curl", "wget"],
	`(\b(?:curl|wget)\b(?:[^|;&\n]|&[^&\s]|\\\n)*(?:\|(?:[^|;&\n]|&[^&\s]|\\\n)+)*\|\s*(?:sudo\s+(?:-\S+\s+(?:\w+\s+)?)*)?(?:env\s+(?:\S+=\S*\s+)*)?(?:(?:/usr)?/bin/)?(?:python[0-9.]*|perl|ruby|node|php|pwsh|powershell)(?:\s+-|\s+--(?:\s+[^\s;&|)>]+)*)?)\s*(?:$|[;&|)>\n])`: ["curl", "wget"],
	`\b(?:(?:ba|z|k|da|a)?sh|python[0-9.]*|perl|ruby|node)\s+(?:-\S+\s+)*-c\s+["']?(?:\$\(|\x60)\s*(?:curl|wget)\b[^)\x60]*[)\x60]`: ["curl", "wget"],
	`\beval\s+["']?(?:\$\(|\x60)\s*(?:curl|wget)\b[^)\x60]*[)\x60]`: ["curl", "wget"],
	`\b(?:(?:ba|z|k|da|a)?sh|source|python[0-9.]*|perl|ruby|node)\s+(?:-\S+\s+)*<\(\s*(?:curl|wget)\b[^)]*\)`: ["curl", "wget"],
	`(?:^|[\s;&|(])(\.\s+<\(\s*(?:curl|wget)\b[^)]*\))`: ["curl", "wget"],
	`\bbase64\s+(?:-\w+\s+)*(?:-d|-D|--decode)\b[^|;&\n]*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:(?:/usr)?/bin/)?(?:ba|z|k|da|a)?sh\b`: ["base64"],
	`(?i)\b(?:iex|Invoke-Expression)\b[\s(]*(?:\$\()?[\s(]*(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|curl|wget|New-Object\s+(?:System\.)?Net\.WebClient)\b[^\n;|]*`: ["iex", "invoke-expression"],
	`(?i)\b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|DownloadString)\b[^\n|;]*\|\s*(?:iex|Invoke-Expression)\b`: ["iex", "invoke-expression"],
}
