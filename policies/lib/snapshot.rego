# METADATA
# title: Snapshot section helpers
# description: |
#   Every collected section is `{"status": "ok", "data": …}` or `{"status":
#   "unavailable", "reason": …, "http_status": …, "needs": …}`. Rules read data through
#   these helpers so that a section the collector could not read makes the rule
#   unknown, never pass.
package lib.snapshot

# available holds when the section was read.
available(section) if section.status == "ok"

# unavailable holds when the collector recorded the section as not readable.
unavailable(section) if section.status == "unavailable"

# why says why a section is missing, naming it and the permission it needs, for `unknown` reasons.
why(what, section) := concat("", [what, " not visible: ", section.reason, needs_text(section)]) if unavailable(section)

needs_text(section) := concat("", [" (needs ", section.needs, ")"]) if is_string(object.get(section, "needs", null))

needs_text(section) := "" if not is_string(object.get(section, "needs", null))

# field_unavailable holds when the collector left an `unavailable` envelope in place of the field at `path` inside
# `obj` (a list of keys), or in place of an object on the way to it.
field_unavailable(obj, path) if {
	some i, _ in path
	unavailable(object.get(obj, array.slice(path, 0, i + 1), null))
}

# field_why says why the field at `path` inside `obj` is missing, naming it as `what`, for `unknown` reasons.
field_why(what, obj, path) := why(what, envelope) if {
	some i, _ in path
	envelope := object.get(obj, array.slice(path, 0, i + 1), null)
	unavailable(envelope)
}
