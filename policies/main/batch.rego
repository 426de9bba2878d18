# METADATA
# title: Batch entrypoint
# description: |
#   The pipeline reports of several targets in one evaluation: the host sends their inputs
#   as `items` and reads one report per item, in order, each exactly what the pipeline
#   entrypoint gives for that item alone. OPA's Wasm runtime empties its heap and its
#   compiled regular expressions at every call, so one call over a few inputs saves both.
package kiteguard.batch

# pipeline is the pipeline report of every item, in order.
pipeline := [r | some item in input.items; r := data.kiteguard.pipeline.report with input as item]
