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
