// Command buildkite-yaml reads pipeline files the way Buildkite's own parser does (github.com/buildkite/go-pipeline,
// used by `buildkite-agent pipeline upload`) and prints, per file, one tab-separated line: the file, OK or ERR,
// then the first document's value as JSON (OK) or the parser's error (ERR). kiteguard's tests compare their own
// reading of the same files with it.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/buildkite/go-pipeline/ordered"
	"gopkg.in/yaml.v3"
)

func main() {
	for _, file := range os.Args[1:] {
		src, err := os.ReadFile(file)
		if err != nil {
			fmt.Printf("%s\tERR\t%q\n", file, err.Error())
			continue
		}
		var node yaml.Node
		if err := yaml.Unmarshal(src, &node); err != nil {
			fmt.Printf("%s\tERR\t%q\n", file, err.Error())
			continue
		}
		value, err := ordered.DecodeYAML(&node)
		if err != nil {
			fmt.Printf("%s\tERR\t%q\n", file, err.Error())
			continue
		}
		out, err := json.Marshal(ordered.ToMapRecursive(value))
		if err != nil {
			fmt.Printf("%s\tERR\t%q\n", file, err.Error())
			continue
		}
		fmt.Printf("%s\tOK\t%s\n", file, out)
	}
}
