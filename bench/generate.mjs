// Generated Buildkite pipelines of any size for the benchmarks: realistic command steps, waits and
// groups; `findings` plants findings in every step (otherwise in one step in ten).

/** One realistic command step; `bad` plants findings in it (secret, curl | bash, unpinned plugin, …). */
function step(i, bad) {
  const key = `build-${i}`;
  if (bad) {
    return [
      `  - label: ":hammer: Build ${i}"`,
      `    key: ${key}`,
      `    command:`,
      `      - echo "--- build ${i}"`,
      `      - curl -sSL http://get.example.com/install-${i}.sh | bash`,
      `      - curl -k -o out-${i}.tgz https://artifacts.example.com/${i}.tgz`,
      `      - make build TARGET=svc-${i}`,
      `    env:`,
      `      AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EX${String(i).padStart(5, '0')}`,
      `      DATABASE_PASSWORD: "hunter2-prod-${i}-Zq8x"`,
      `    plugins:`,
      `      - docker#main:`,
      `          image: "node:20"`,
      `          privileged: true`,
      `    agents:`,
      `      queue: default`,
    ];
  }
  const lines = [
    `  - label: ":test_tube: Test shard ${i}"`,
    `    key: ${key}`,
    `    command:`,
    `      - echo "--- test ${i}"`,
    `      - bazel test //services/svc-${i % 97}/... --config=ci`,
    `    timeout_in_minutes: 30`,
    `    plugins:`,
    `      - docker#v5.11.0:`,
    `          image: "node:20.11.1@sha256:${'a'.repeat(64)}"`,
    `    agents:`,
    `      queue: builders`,
  ];
  if (i > 0 && i % 5 === 0) lines.push(`    depends_on: build-${i - 1}`);
  if (i % 7 === 0) lines.push(`    artifact_paths: "out/svc-${i}/**/*"`);
  return lines;
}

/** A pipeline of n steps: command steps, a wait every 50, a group every 100 (its steps count). */
export function pipeline(n, findings) {
  const lines = ['env:', '  CI: "true"', 'steps:'];
  let i = 0;
  while (i < n) {
    if (i > 0 && i % 100 === 0) {
      lines.push(`  - group: ":package: Group ${i}"`, `    key: group-${i}`, '    steps:');
      for (let j = 0; j < 10 && i < n; j++, i++) lines.push(...step(i, findings).map((l) => `    ${l}`));
      continue;
    }
    if (i > 0 && i % 50 === 0) lines.push('  - wait');
    lines.push(...step(i, findings || i % 10 === 3));
    i++;
  }
  return lines.join('\n') + '\n';
}
