module kiteguard/buildkite-yaml

go 1.25.0

require (
	github.com/buildkite/go-pipeline v0.19.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/kr/pretty v0.3.1 // indirect
)
