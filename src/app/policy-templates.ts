// The rule `kiteguard policy new --kind` scaffolds for each kind of target: a small working check on that kind's
// input (with a knob, the `unknown` and `not_applicable` outcomes where the input has them) and tests that pass.

/** The kinds of target a scaffolded rule can judge. */
export const RULE_KINDS = ['pipeline', 'buildkite-pipeline', 'repository', 'organization', 'github-organization', 'agent'] as const;

/** One of RULE_KINDS. */
export type RuleKind = (typeof RULE_KINDS)[number];

/** A kind's rule domain (the folder and first package part), METADATA target, and example check. */
export interface Template {
  domain: string;
  target: string;
  /** What the example checks, for the METADATA description. */
  what: string;
  area: number;
  remediation: string;
  /** The knob: name, default (YAML), description. */
  knob: [string, string, string];
  imports: string[];
  /** The rule body after the imports; `RULE_ID` stands for the id. */
  body: string;
  /** The test's imports (besides the rule) and its tests; `RULE` stands for the rule's package alias. */
  testImports: string[];
  tests: string;
}

const KNOBS = 'knobs := findings.knobs(rego.metadata.chain())\n';

/** The template of each kind. */
export const TEMPLATES: Record<RuleKind, Template> = {
  pipeline: {
    domain: 'pipeline',
    target: 'pipeline',
    what: 'Command steps must not run a command that matches one of `forbidden_patterns`.',
    area: 8,
    remediation: 'Remove the forbidden command from the step.',
    knob: ['forbidden_patterns', "['(?i)\\bsudo\\b']", 'Regular expressions on a command line that the step must not run.'],
    imports: ['data.lib.findings', 'data.lib.pipeline'],
    body: `${KNOBS}
# A command line matching a forbidden pattern, reported at that line.
deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("step runs a forbidden command: %s", [command]),
	array.concat(entry.path, ["commands", i]),
	command,
) if {
	some entry in pipeline.command_steps
	some i, command in entry.step.commands
	pipeline.matches_any(command, knobs.forbidden_patterns)
}
`,
    testImports: ['data.lib.testing'],
    tests: `test_forbidden_command_fails if {
	findings := RULE.deny with input as testing.pipeline([testing.command_step({"commands": ["make", "sudo make install"]})])
	count(findings) == 1
	some f in findings
	f.rule == "RULE_ID"
	f.path == ["steps", 0, "commands", 1]
}

test_allowed_command_passes if {
	count(RULE.deny) == 0 with input as testing.pipeline([testing.command_step({"commands": ["make test"]})])
}

test_knob_override_applies if {
	findings := RULE.deny with input as testing.pipeline([testing.command_step({"commands": ["make test"]})])
		with data.config.rules as {"RULE_ID": {"forbidden_patterns": ["^make"]}}
	count(findings) == 1
}
`,
  },
  'buildkite-pipeline': {
    domain: 'buildkite',
    target: 'pipeline',
    what: "A Buildkite pipeline's default branch must be one of `allowed_default_branches` (its settings, from a sweep).",
    area: 1,
    remediation: "Set the pipeline's default branch in its Buildkite settings.",
    knob: ['allowed_default_branches', '[main]', 'Branch names a pipeline may build by default.'],
    imports: ['data.lib.findings'],
    body: `${KNOBS}
# Only a Buildkite pipeline's settings (a sweep's pipeline targets) carry \`buildkite_pipeline\`.
not_applicable if not input.buildkite_pipeline

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("pipeline \`%s\` builds \`%s\` by default", [pipeline.slug, branch]),
	["buildkite_pipeline", "pipeline", "default_branch"],
	sprintf("default_branch: %s", [branch]),
) if {
	pipeline := input.buildkite_pipeline.pipeline
	branch := object.get(pipeline, "default_branch", "")
	not branch in knobs.allowed_default_branches
}
`,
    testImports: [],
    tests: `settings(branch) := {"buildkite_pipeline": {"org": "acme", "pipeline": {"slug": "deploy", "default_branch": branch}}}

test_other_default_branch_fails if {
	findings := RULE.deny with input as settings("master")
	[f.path | some f in findings] == [["buildkite_pipeline", "pipeline", "default_branch"]]
	[f.rule | some f in findings] == ["RULE_ID"]
}

test_allowed_default_branch_passes if {
	count(RULE.deny) == 0 with input as settings("main")
}

test_pipeline_yaml_is_not_applicable if {
	RULE.not_applicable with input as {"pipeline": {"steps": []}}
}
`,
  },
  repository: {
    domain: 'github',
    target: 'repository',
    what: 'A GitHub repository must not be public unless it is listed in `public_repositories`.',
    area: 1,
    remediation: 'Make the repository private or internal, or list it as intentionally public.',
    knob: ['public_repositories', '[]', 'Repositories (owner/name) that are meant to be public.'],
    imports: ['data.lib.findings', 'data.lib.github', 'data.lib.snapshot'],
    body: `${KNOBS}
# Organization targets carry no repository.
not_applicable if not input.repository

unknown contains snapshot.why(concat("", ["the settings of \`", github.name, "\`"]), github.basics) if input.repository

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("repository \`%s\` is public", [github.name]),
	["repository", "repository", "data", "visibility"],
	"visibility: PUBLIC",
) if {
	snapshot.available(github.basics)
	github.basics.data.visibility == "PUBLIC"
	not github.name in knobs.public_repositories
}
`,
    testImports: ['data.lib.github_testing as t'],
    tests: `visibility(v) := t.repo_input({"repository": t.ok(t.basics({"visibility": v}))})

test_public_repository_fails if {
	findings := RULE.deny with input as visibility("PUBLIC")
	[f.path | some f in findings] == [["repository", "repository", "data", "visibility"]]
	[f.rule | some f in findings] == ["RULE_ID"]
}

test_private_repository_passes if {
	count(RULE.deny) == 0 with input as visibility("PRIVATE")
}

test_listed_public_repository_passes if {
	count(RULE.deny) == 0 with input as visibility("PUBLIC") with data.config.rules as {"RULE_ID": {"public_repositories": ["acme/web"]}}
}

test_unreadable_settings_are_unknown if {
	count(RULE.unknown) == 1 with input as t.repo_input({"repository": t.hidden})
}
`,
  },
  organization: {
    domain: 'buildkite',
    target: 'organization',
    what: 'A Buildkite organization must have at most `max_admins` administrators.',
    area: 4,
    remediation: 'Remove the administrator role from members who do not need it.',
    knob: ['max_admins', '3', 'The most administrators the organization may have.'],
    imports: ['data.lib.findings', 'data.lib.snapshot'],
    body: `${KNOBS}
members := input.buildkite.members

# Only the organization target carries the Buildkite organization.
not_applicable if not input.buildkite

unknown contains snapshot.why("the organization's members", members) if input.buildkite

admins := [m | some m in members.data; m.role == "ADMIN"]

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("Buildkite organization \`%s\` has %d administrators (at most %d)", [input.buildkite.org, count(admins), knobs.max_admins]),
	["buildkite", "members", "data"],
	sprintf("admins: %d", [count(admins)]),
) if {
	snapshot.available(members)
	count(admins) > knobs.max_admins
}
`,
    testImports: [],
    tests: `org(roles) := {"buildkite": {"org": "acme", "members": {"status": "ok", "data": [{"role": r} | some r in roles]}}}

test_too_many_admins_fails if {
	findings := RULE.deny with input as org(["ADMIN", "ADMIN", "ADMIN", "ADMIN", "MEMBER"])
	[f.rule | some f in findings] == ["RULE_ID"]
}

test_few_admins_pass if {
	count(RULE.deny) == 0 with input as org(["ADMIN", "MEMBER"])
}

test_unreadable_members_are_unknown if {
	count(RULE.unknown) == 1 with input as {"buildkite": {"org": "acme", "members": {"status": "unavailable", "reason": "403"}}}
}

test_other_targets_are_not_applicable if {
	RULE.not_applicable with input as {"pipeline": {"steps": []}}
}
`,
  },
  'github-organization': {
    domain: 'github',
    target: 'organization',
    what: "A GitHub organization's base permission must be one of `allowed_base_permissions`.",
    area: 4,
    remediation: "Lower the organization's base repository permission in its member privileges.",
    knob: ['allowed_base_permissions', '[none, read]', 'Base permissions members may have on every repository.'],
    imports: ['data.lib.findings', 'data.lib.github', 'data.lib.snapshot'],
    body: `${KNOBS}
section := input.github.organization if github.organization_input

# Repository targets carry the GitHub organization's name only.
not_applicable if not github.organization_input

unknown contains snapshot.why(concat("", ["the settings of GitHub organization \`", input.github.org, "\`"]), section)

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("GitHub organization \`%s\` gives every member %s access to every repository", [input.github.org, permission]),
	["github", "organization", "data", "default_repository_permission"],
	sprintf("default_repository_permission: %s", [permission]),
) if {
	snapshot.available(section)
	permission := object.get(section.data, "default_repository_permission", "unset")
	not permission in knobs.allowed_base_permissions
}
`,
    testImports: ['data.lib.github_testing as t'],
    tests: `org(permission) := t.org_input({"organization": t.ok({"default_repository_permission": permission})})

test_write_base_permission_fails if {
	findings := RULE.deny with input as org("write")
	[f.path | some f in findings] == [["github", "organization", "data", "default_repository_permission"]]
	[f.rule | some f in findings] == ["RULE_ID"]
}

test_read_base_permission_passes if {
	count(RULE.deny) == 0 with input as org("read")
}

test_unreadable_settings_are_unknown if {
	count(RULE.unknown) == 1 with input as t.org_input({"organization": t.hidden})
}

test_repository_targets_are_not_applicable if {
	RULE.not_applicable with input as t.repo_input({})
}
`,
  },
  agent: {
    domain: 'agent',
    target: 'agent',
    what: 'An agent configuration must turn on every setting in `required_settings`.',
    area: 6,
    remediation: 'Turn the setting on in the agent configuration.',
    knob: ['required_settings', '[no-command-eval]', 'Agent settings that must be true.'],
    imports: ['data.lib.agent', 'data.lib.findings'],
    body: `${KNOBS}
# Hooks folders and stack parameters carry no agent settings.
not_applicable if not agent.has_settings

deny contains findings.finding(
	rego.metadata.chain(),
	sprintf("\`%s\` is not on", [name]),
	agent.setting_path(name),
	name,
) if {
	agent.has_settings
	some name in knobs.required_settings
	not agent.enabled(name)
}
`,
    testImports: [],
    tests: `test_setting_off_fails if {
	findings := RULE.deny with input as {"agent": {"kind": "agent-config", "settings": {"no-command-eval": false}}}
	[f.path | some f in findings] == [["agent", "settings", "no-command-eval"]]
	[f.rule | some f in findings] == ["RULE_ID"]
}

test_setting_on_passes if {
	count(RULE.deny) == 0 with input as {"agent": {"kind": "agent-config", "settings": {"no-command-eval": true}}}
}

test_hooks_are_not_applicable if {
	RULE.not_applicable with input as {"agent": {"kind": "hooks"}}
}
`,
  },
};
