# Lets conftest run kiteguard's own policies: conftest reads `deny` in package `main`, so every
# finding of the pipeline entrypoint (the query `opa eval` and `kiteguard check` answer) is one denial.
package main

deny contains msg if {
	some finding in data.kiteguard.pipeline.report.findings
	msg := sprintf("%s: %s", [finding.rule, finding.message])
}
