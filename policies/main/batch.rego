# METADATA
# title: Batch entrypoints
# description: |
#   The reports of several targets of one kind in one evaluation: the host sends their inputs
#   as `items` and reads one report per item, in order, each exactly what the kind's
#   entrypoint gives for that item alone. OPA's Wasm runtime empties its heap and its
#   compiled regular expressions at every call, so one call over a few inputs saves both.
#   `shared` holds the members every repository input has in common, sent once.
package kiteguard.batch

# pipeline is the pipeline report of every item, in order.
pipeline := [r | some item in input.items; r := data.kiteguard.pipeline.report with input as item]

# repository is the repository report of every item, each with the part of the input every item shares
# (`shared`: the organization's GitHub sections) added back.
repository := [r | some item in input.items; r := data.kiteguard.repository.report with input as object.union(item, input.shared)]
