# METADATA
# title: Test builders
# description: Builders for normalized pipeline inputs in rule tests (test-only, not compiled into the bundle).
package lib.testing

# command_step builds a normalized command step; fields override the defaults.
command_step(fields) := object.union(
	{
		"type": "command", "label": null, "key": null, "if": null, "branches": null, "depends_on": null,
		"commands": [], "env": {}, "agents": {}, "plugins": [], "secrets": {}, "timeout_in_minutes": null,
		"soft_fail": false, "artifact_paths": [], "allowed_teams": [], "trigger": null, "steps": [],
		"signature": null, "matrix": null, "extra": {},
		"interpolated": {},
	},
	fields,
)

# step builds a non-command step of the given type.
step(type, fields) := object.union(command_step({"type": type}), fields)

# plugin builds a normalized plugin reference.
plugin(name, ref, config) := {
	"name": name, "ref": ref, "config": config, "dynamic": false,
	"source": sprintf("github.com/buildkite-plugins/%s-buildkite-plugin", [name]),
}

# pipeline wraps steps into a whole normalized input.
pipeline(steps) := {"pipeline": {"env": {}, "agents": {}, "secrets": {}, "notify": [], "steps": steps}, "context": {}}
