// Normalization: every spelling Buildkite accepts → one NormalizedPipeline shape; and what it rejects.
import { describe, expect, it, test } from 'vitest';
import { InputError } from '../src/errors.js';
import { loadPipeline } from '../src/pipeline/load.js';

const step0 = (yaml: string): unknown => loadPipeline(yaml, 'p.yml').pipeline.steps[0];

describe('steps', () => {
  test.each([
    ['`- wait`', '- wait\n', { type: 'wait', label: null }],
    ['`- "wait"`', 'steps:\n  - "wait"\n', { type: 'wait' }],
    ['`- waiter`', 'steps:\n  - waiter\n', { type: 'wait' }],
    ['`- block`', 'steps:\n  - block\n', { type: 'block' }],
    ['`- manual`', 'steps:\n  - manual\n', { type: 'block' }],
    ['`- input`', 'steps:\n  - input\n', { type: 'input' }],
    ['`wait: ~`', 'steps:\n  - wait: ~\n    continue_on_failure: true\n', { type: 'wait', extra: { continue_on_failure: true } }],
    ['`wait: "label"`', 'steps:\n  - wait: "Hold"\n', { type: 'wait', label: 'Hold' }],
    ['nested `wait: {…}`', 'steps:\n  - wait: { key: w2, type: wait }\n', { type: 'wait', key: 'w2', extra: {} }],
    ['nested `waiter: {…}`', 'steps:\n  - waiter:\n      continue_on_failure: true\n', { type: 'wait', extra: { continue_on_failure: true } }],
    ['`block: "Label"`', 'steps:\n  - block: "Deploy?"\n    prompt: Sure?\n', { type: 'block', label: 'Deploy?', extra: { prompt: 'Sure?' } }],
    ['nested `block: {…}`', 'steps:\n  - block:\n      fields: [{text: a, key: a}]\n', { type: 'block', label: null, extra: { fields: [{ text: 'a', key: 'a' }] } }],
    ['`input: "x"`', 'steps:\n  - input: "Why?"\n', { type: 'input', label: 'Why?' }],
    ['nested `input: {…}`', 'steps:\n  - input: { key: in2, type: input }\n', { type: 'input', key: 'in2' }],
    ['`trigger: slug`', 'steps:\n  - trigger: deploy-app\n    async: true\n', { type: 'trigger', trigger: 'deploy-app', extra: { async: true } }],
    ['nested `trigger: {…}`', 'steps:\n  - trigger:\n      trigger: other\n      label: go\n', { type: 'trigger', trigger: 'other', label: 'go' }],
    ['`group` with steps', 'steps:\n  - group: Tests\n    steps:\n      - command: t\n', { type: 'group', label: 'Tests', steps: [{ type: 'command', commands: ['t'] }] }],
    ['`group: ~` with label', 'steps:\n  - group: ~\n    label: Tests\n    steps: [wait]\n', { type: 'group', label: 'Tests', steps: [{ type: 'wait' }] }],
    ['`command:` string', 'steps:\n  - command: make test\n', { type: 'command', commands: ['make test'] }],
    ['`commands:` list', 'steps:\n  - commands:\n      - make\n      - make test\n', { commands: ['make', 'make test'] }],
    ['`command:` list', 'steps:\n  - command: [a, b]\n', { commands: ['a', 'b'] }],
    ['multi-line `command: |` stays one entry', 'steps:\n  - command: |\n      a\n      b\n', { commands: ['a\nb\n'] }],
    ['`command` and `commands` together', 'steps:\n  - command: a\n    commands: [b]\n', { commands: ['a', 'b'] }],
    ['non-string command items', 'steps:\n  - commands: [1, true, ~]\n', { commands: ['1', 'true'] }],
    ['nested `command: {…}`', 'steps:\n  - command:\n      command: blah.sh\n', { type: 'command', commands: ['blah.sh'] }],
    ['nested `script: {…}`', 'steps:\n  - script:\n      command: blah.sh\n', { type: 'command', commands: ['blah.sh'] }],
    ['nested `commands: {…}`', 'steps:\n  - commands:\n      command: blah.sh\n', { type: 'command', commands: ['blah.sh'] }],
    ['plugins-only step', 'steps:\n  - plugins:\n      - docker#v1.0.0: {image: x}\n', { type: 'command', commands: [] }],
    ['legacy `type: script`', 'steps:\n  - type: script\n    command: x\n', { type: 'command', commands: ['x'], extra: {} }],
    ['legacy `type: "commands"`', 'steps:\n  - type: "commands"\n    command: x\n', { type: 'command' }],
    ['legacy `type: waiter`', 'steps:\n  - type: waiter\n    key: w\n', { type: 'wait', key: 'w' }],
    ['legacy `type: manual`', 'steps:\n  - type: manual\n    label: Go\n', { type: 'block', label: 'Go' }],
    ['legacy `type: input`', 'steps:\n  - type: input\n', { type: 'input' }],
    ['legacy `type: trigger`', 'steps:\n  - type: trigger\n    trigger: t\n', { type: 'trigger', trigger: 't' }],
    ['`name` as label', 'steps:\n  - name: Build\n    command: x\n', { label: 'Build' }],
    ['`label` wins over `name`', 'steps:\n  - name: N\n    label: L\n    command: x\n', { label: 'L' }],
    ['`label` wins over `block`', 'steps:\n  - block: B\n    label: L\n', { label: 'L' }],
    ['`id` as key', 'steps:\n  - id: a\n    command: x\n', { key: 'a' }],
    ['`identifier` as key', 'steps:\n  - identifier: a\n    command: x\n', { key: 'a' }],
    ['`key` wins over `id`', 'steps:\n  - id: a\n    key: b\n    command: x\n', { key: 'b' }],
    ['numeric key', 'steps:\n  - key: 123\n    command: x\n', { key: '123' }],
    ['`if`', 'steps:\n  - command: x\n    if: build.branch == "main"\n', { if: 'build.branch == "main"' }],
    ['`branches` string', 'steps:\n  - command: x\n    branches: "main release/*"\n', { branches: 'main release/*' }],
    ['`branches` list', 'steps:\n  - command: x\n    branches: [main, "release/*"]\n', { branches: 'main release/*' }],
    ['`depends_on` kept', 'steps:\n  - command: x\n    depends_on: [a, {step: b, allow_failure: true}]\n', { depends_on: ['a', { step: 'b', allow_failure: true }] }],
    ['`depends_on: ~`', 'steps:\n  - command: x\n    depends_on: ~\n', { depends_on: null }],
    ['agents map (values as strings)', 'steps:\n  - command: x\n    agents: {queue: q, xcode: true, n: 2, e: ~}\n', { agents: { queue: 'q', xcode: 'true', n: '2', e: '' } }],
    ['agents list of k=v', 'steps:\n  - command: x\n    agents: ["queue=q", "os=linux=x", "flag"]\n', { agents: { queue: 'q', os: 'linux=x', flag: '' } }],
    ['env map', 'steps:\n  - command: x\n    env: {A: 1, B: ~, C: "s"}\n', { env: { A: '1', B: '', C: 's' } }],
    ['env list of K=V', 'steps:\n  - command: x\n    env: ["A=1", "B=x=y"]\n', { env: { A: '1', B: 'x=y' } }],
    ['secrets list', 'steps:\n  - command: x\n    secrets: [API_TOKEN]\n', { secrets: { API_TOKEN: 'API_TOKEN' } }],
    ['secrets map', 'steps:\n  - command: x\n    secrets: {MY_TOKEN: API_TOKEN}\n', { secrets: { MY_TOKEN: 'API_TOKEN' } }],
    [
      'secrets objects',
      'steps:\n  - command: x\n    secrets: [{key: K1, environment_variable: E1}, {key: K2}]\n',
      { secrets: { E1: 'K1', K2: 'K2' } },
    ],
    ['timeout number', 'steps:\n  - command: x\n    timeout_in_minutes: 30\n', { timeout_in_minutes: 30 }],
    ['timeout numeric string', 'steps:\n  - command: x\n    timeout_in_minutes: "30"\n', { timeout_in_minutes: 30, extra: {} }],
    ['timeout from a variable', 'steps:\n  - command: x\n    timeout_in_minutes: "${T}"\n', { timeout_in_minutes: null, extra: {}, interpolated: { timeout_in_minutes: '${T}' } }],
    ['soft_fail true', 'steps:\n  - command: x\n    soft_fail: true\n', { soft_fail: true }],
    ['soft_fail "true"', 'steps:\n  - command: x\n    soft_fail: "true"\n', { soft_fail: true }],
    ['soft_fail "false"', 'steps:\n  - command: x\n    soft_fail: "false"\n', { soft_fail: false }],
    ['soft_fail list', 'steps:\n  - command: x\n    soft_fail:\n      - exit_status: "*"\n', { soft_fail: [{ exit_status: '*' }] }],
    ['soft_fail single object', 'steps:\n  - command: x\n    soft_fail: {exit_status: 1}\n', { soft_fail: [{ exit_status: 1 }] }],
    ['artifact_paths string', 'steps:\n  - command: x\n    artifact_paths: "a/*"\n', { artifact_paths: ['a/*'] }],
    ['artifact_paths split on `;`', 'steps:\n  - command: x\n    artifact_paths: "a/*; b/**/*.log;"\n', { artifact_paths: ['a/*', 'b/**/*.log'] }],
    ['artifact_paths list', 'steps:\n  - command: x\n    artifact_paths: [a, "b;c"]\n', { artifact_paths: ['a', 'b', 'c'] }],
    ['allowed_teams string', 'steps:\n  - block: x\n    allowed_teams: ops\n', { allowed_teams: ['ops'] }],
    ['allowed_teams list', 'steps:\n  - input: x\n    allowed_teams: [ops, sec]\n', { allowed_teams: ['ops', 'sec'] }],
    ['matrix kept', 'steps:\n  - command: x\n    matrix: [a, b]\n', { matrix: ['a', 'b'] }],
    ['signature kept', 'steps:\n  - command: x\n    signature: {algorithm: EdDSA, value: v}\n', { signature: { algorithm: 'EdDSA', value: 'v' } }],
    [
      'unknown keys into extra',
      'steps:\n  - command: x\n    retry: {automatic: true}\n    parallelism: 3\n    x-custom: [1]\n',
      { extra: { retry: { automatic: true }, parallelism: 3, 'x-custom': [1] } },
    ],
    [
      'string booleans in extra',
      'steps:\n  - trigger: t\n    async: "true"\n    allow_dependency_failure: "false"\n    retry: {automatic: "true", manual: {allowed: "false", reason: "true"}}\n',
      { extra: { async: true, allow_dependency_failure: false, retry: { automatic: true, manual: { allowed: false, reason: 'true' } } } },
    ],
    [
      'string booleans in depends_on',
      'steps:\n  - command: x\n    depends_on: [a, {step: b, allow_failure: "true"}]\n',
      { depends_on: ['a', { step: 'b', allow_failure: true }] },
    ],
    ['other strings stay strings', 'steps:\n  - command: x\n    skip: "true"\n    parallelism: "2"\n', { extra: { skip: 'true', parallelism: '2' } }],
    ['keys of other step types go to extra', 'steps:\n  - type: wait\n    command: x\n', { type: 'wait', commands: [], extra: { command: 'x' } }],
    ['merge keys', 'x: &x {agents: {queue: q}}\nsteps:\n  - command: y\n    <<: *x\n', { agents: { queue: 'q' } }],
    ['nulls are lenient', 'steps:\n  - command: ~\n    env: ~\n    agents: ~\n    plugins: ~\n', { commands: [], env: {}, agents: {}, plugins: [] }],
  ])('%s', (_name, yaml, want) => {
    expect(step0(yaml)).toMatchObject(want);
  });

  it('accepts every step key Buildkite\'s schema allows, and keys set at upload time', () => {
    for (const key of ['deploy:prod', 'a.b,c_d-1', '${ENV}-deploy', '${KEY?}', '$KEY with spaces', 'k'.repeat(100)]) {
      expect(step0(`steps:\n  - command: x\n    key: "${key}"\n`)).toMatchObject({ key });
    }
  });

  it('infers the type in Buildkite\'s order: a command key wins', () => {
    expect(step0('steps:\n  - wait: ~\n    command: x\n')).toMatchObject({ type: 'command', commands: ['x'], extra: { wait: null } });
  });

  it('fills every field of the contract', () => {
    expect(step0('- wait\n')).toEqual({
      type: 'wait',
      label: null,
      key: null,
      if: null,
      branches: null,
      depends_on: null,
      commands: [],
      env: {},
      agents: {},
      plugins: [],
      secrets: {},
      timeout_in_minutes: null,
      soft_fail: false,
      artifact_paths: [],
      allowed_teams: [],
      trigger: null,
      steps: [],
      signature: null,
      matrix: null,
      extra: {},
      interpolated: {},
    });
  });
});

describe('plugins', () => {
  test.each([
    ['list of single-key maps', '- docker#v5.12.0:\n    image: node\n', [{ name: 'docker', ref: 'v5.12.0', config: { image: 'node' } }]],
    ['list of strings', '- docker#v5.12.0\n- ecr\n', [{ name: 'docker', ref: 'v5.12.0', config: null }, { name: 'ecr', ref: null }]],
    ['legacy map', 'docker#v1: {image: a}\necr#v2: ~\n', [{ name: 'docker', ref: 'v1', config: { image: 'a' } }, { name: 'ecr', ref: 'v2', config: null }]],
    ['split on the last #', '- "git@host:org/p.git#a#b"\n', [{ name: 'git@host:org/p.git#a', ref: 'b' }]],
    ['# inside ${…} is not a ref', '- "${REPO:-x#y}#v1"\n', [{ name: '${REPO:-x#y}', ref: 'v1', dynamic: true }]],
    ['empty ref is unpinned', '- "docker#"\n', [{ name: 'docker', ref: null }]],
  ])('%s', (_name, plugins, want) => {
    const yaml = `steps:\n  - command: x\n    plugins:\n${plugins.replace(/^/gm, '      ')}`;
    expect((step0(yaml) as { plugins: unknown }).plugins).toMatchObject(want);
  });
});

describe('pipeline', () => {
  test.each([
    ['bare list of steps', '- wait\n- block\n', { steps: [{ type: 'wait' }, { type: 'block' }] }],
    ['empty steps list', 'steps: []\n', { steps: [] }],
    ['null steps', 'steps:\n', { steps: [] }],
    ['env, agents, secrets, notify', 'env: {A: 1}\nagents: [queue=q]\nsecrets: [S]\nnotify:\n  - email: a@b.c\nsteps: []\n', {
      env: { A: '1' },
      agents: { queue: 'q' },
      secrets: { S: 'S' },
      notify: [{ email: 'a@b.c' }],
    }],
    ['documents merged in order', 'env: {A: 1, B: 1}\nsteps: [wait]\n---\nenv: {B: 2}\nsteps: [block]\n---\n- input\n', {
      env: { A: '1', B: '2' },
      steps: [{ type: 'wait' }, { type: 'block' }, { type: 'input' }],
    }],
    ['empty documents skipped', '---\n---\nsteps: [wait]\n', { steps: [{ type: 'wait' }] }],
  ])('%s', (_name, yaml, want) => {
    expect(loadPipeline(yaml, 'p.yml').pipeline).toMatchObject(want);
  });
});

describe('rejects what is not a pipeline', () => {
  const STEP =
    'expected a step: a mapping with command, wait, block, input, trigger or group, or one of the strings wait/block/input';
  test.each([
    ['a scalar document', 'hello\n', 'p.yml:1:1: expected a pipeline: a mapping with a steps key, or a list of steps, got the string "hello"'],
    ['an empty file', '# nothing\n', 'p.yml:1:1: expected a pipeline: a mapping with a steps key, or a list of steps, but the file has no YAML content'],
    ['a mapping without steps', 'version: "3"\nservices: {}\n', 'p.yml:1:1: expected a pipeline: a mapping with a steps key, or a list of steps, got a mapping with version, services'],
    ['steps not a list', 'steps:\n  build: {command: x}\n', 'p.yml:2:3: expected steps to be a list of steps, got a mapping'],
    ['an unknown string step', 'steps:\n  - wait\n  - deploy\n', `p.yml:3:5: ${STEP}, got the string "deploy"`],
    ['a mapping with no step key', 'steps:\n  - label: x\n    agents: {queue: q}\n', `p.yml:2:5: ${STEP}, got a mapping with label, agents`],
    ['an inherited name as a step', 'steps:\n  - constructor\n', `p.yml:2:5: ${STEP}, got the string "constructor"`],
    ['an inherited name as a type', 'steps:\n  - type: toString\n', 'p.yml:2:5: unknown step type "toString"; expected one of command, commands, script, wait, waiter, block, manual, input, trigger, group'],
    ['a number step', 'steps:\n  - 42\n', `p.yml:2:5: ${STEP}, got the number 42`],
    ['a null step', 'steps:\n  -\n  - wait\n', `p.yml:2:3: ${STEP}, got nothing (null)`],
    ['a bad step inside a group', 'steps:\n  - group: g\n    steps:\n      - nope\n', `p.yml:4:9: ${STEP}, got the string "nope"`],
    ['an unknown type', 'steps:\n  - type: deploy\n', 'p.yml:2:5: unknown step type "deploy"; expected one of command, commands, script, wait, waiter, block, manual, input, trigger, group'],
    ['a bad plugin', 'steps:\n  - command: x\n    plugins: [42]\n', 'p.yml:3:15: expected a plugin: a string such as docker#v5.12.0, or a mapping from the plugin to its configuration, got the number 42'],
    ['plugins as a string', 'steps:\n  - command: x\n    plugins: docker\n', 'p.yml:3:14: expected plugins to be a list of plugins, got the string "docker"'],
    ['env as a string', 'steps:\n  - command: x\n    env: A=1\n', 'p.yml:3:10: expected env to be a mapping or a list of KEY=value strings, got the string "A=1"'],
    ['a mapping in an env list', 'steps:\n  - command: x\n    env:\n      - {A: 1}\n', 'p.yml:4:9: expected env entries as KEY=value strings, got a mapping'],
    ['a trigger that is not a slug', 'steps:\n  - trigger: {a: 1}\n    label: x\n', 'p.yml:2:14: expected trigger to be a pipeline slug (a string), got a mapping'],
    ['a bad soft_fail', 'steps:\n  - command: x\n    soft_fail: 3\n', 'p.yml:3:16: expected soft_fail to be true, false or a list of {exit_status: …}, got the number 3'],
    ['a step key with spaces', 'steps:\n  - command: x\n    key: "has spaces"\n', 'p.yml:3:10: step key "has spaces" has characters Buildkite does not allow in a key (a space); expected only letters, digits and _ - : $ { } . ,'],
    ['a step id with a slash', 'steps:\n  - wait: ~\n    id: a/b\n', 'p.yml:3:9: step id "a/b" has characters Buildkite does not allow in a key (`/`); expected only letters, digits and _ - : $ { } . ,'],
    ['a step key too long', `steps:\n  - command: x\n    key: ${'k'.repeat(101)}\n`, `p.yml:3:10: step key "${'k'.repeat(40)}…" is 101 characters long; expected at most 100`],
    ['a step key like a UUID', 'steps:\n  - command: x\n    key: 0f8fad5b-d9cb-469f-a165-70867728950e\n', 'p.yml:3:10: step key "0f8fad5b-d9cb-469f-a165-70867728950e" looks like a UUID, which Buildkite does not accept as a key; expected another name'],
    ['a command mapping among other keys', 'steps:\n  - command: {a: 1}\n    label: x\n', 'p.yml:2:14: expected command to be a string or a list of strings, got a mapping'],
    ['YAML syntax errors keep their position', 'steps:\n  - command: "x\n', 'p.yml:2:14: unclosed double-quoted string; expected a closing `"`'],
  ])('%s', (_name, yaml, message) => {
    let caught: unknown;
    try {
      loadPipeline(yaml, 'p.yml');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as Error).message).toBe(message);
  });
});

it('keeps a `__proto__` key as data, never as a prototype', () => {
  const { pipeline } = loadPipeline('env: {__proto__: x}\nsteps:\n  - command: y\n    __proto__: {polluted: true}\n', 'p.yml');
  expect(Object.getPrototypeOf(pipeline.env)).toBe(Object.prototype);
  expect(JSON.stringify(pipeline.env)).toBe('{"__proto__":"x"}');
  expect(JSON.stringify(pipeline.steps[0]?.extra)).toBe('{"__proto__":{"polluted":true}}');
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});

it('produces plain JSON (no shared references, no non-finite numbers)', () => {
  const { pipeline } = loadPipeline('x: &x {image: a}\nsteps:\n  - command: y\n    plugins: [{docker: *x}, {ecr: *x}]\n    extra: .inf\n', 'p.yml');
  const [a, b] = pipeline.steps[0]?.plugins ?? [];
  expect(a?.config).not.toBe(b?.config);
  expect(pipeline.steps[0]?.extra).toEqual({ extra: 'Infinity' });
});
