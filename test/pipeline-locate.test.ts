// `locate`: a path in the normalized pipeline → line:column of the YAML that produced it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, test } from 'vitest';
import { loadPipeline } from '../src/pipeline/load.js';

type Path = Array<string | number>;

const text = readFileSync(join(import.meta.dirname, 'fixtures/yaml/pipeline.yml'), 'utf8');
const loaded = loadPipeline(text, 'pipeline.yml');
const pos = (path: Path, evidence?: string | null): string => {
  const p = loaded.locate(path, evidence);
  return `${p.line}:${p.column}`;
};

describe('locate', () => {
  test.each([
    [[], '1:1'],
    [['env'], '1:1'],
    [['env', 'AWS_KEY'], '2:3'],
    [['env', 'REGION'], '3:3'],
    [['agents', 'queue'], '5:3'],
    [['steps'], '6:1'],
    [['steps', 0], '7:5'],
    [['steps', 0, 'label'], '7:5'],
    [['steps', 0, 'type'], '8:5'],
    [['steps', 0, 'commands'], '8:5'],
    [['steps', 0, 'commands', 1], '10:9'],
    [['steps', 0, 'plugins'], '11:5'],
    [['steps', 0, 'plugins', 0], '12:9'],
    [['steps', 0, 'plugins', 0, 'ref'], '12:9'],
    [['steps', 0, 'plugins', 0, 'config'], '12:9'],
    [['steps', 0, 'plugins', 0, 'config', 'image'], '13:11'],
    [['steps', 0, 'plugins', 0, 'config', 'mount-checkout'], '14:11'],
    [['steps', 0, 'plugins', 1], '15:9'],
    [['steps', 0, 'plugins', 2], '16:9'],
    [['steps', 0, 'agents', 'queue'], '18:9'],
    [['steps', 0, 'agents', 'os'], '19:9'],
    [['steps', 0, 'timeout_in_minutes'], '20:5'],
    [['steps', 0, 'soft_fail'], '21:5'],
    [['steps', 0, 'soft_fail', 0, 'exit_status'], '22:9'],
    [['steps', 0, 'artifact_paths', 1], '23:5'],
    [['steps', 1], '24:5'],
    [['steps', 1, 'type'], '24:5'],
    [['steps', 2, 'key'], '25:5'],
    [['steps', 2, 'commands', 0], '26:5'],
    [['steps', 2, 'env', 'TARGET'], '31:9'],
    [['steps', 2, 'extra', 'retry'], '32:5'],
    [['steps', 2, 'extra', 'retry', 'automatic'], '33:7'],
    [['steps', 2, 'retry'], '32:5'],
    [['steps', 3, 'label'], '34:5'],
    [['steps', 3, 'type'], '34:5'],
    [['steps', 3, 'steps'], '35:5'],
    [['steps', 3, 'steps', 0], '36:9'],
    [['steps', 3, 'steps', 0, 'label'], '36:9'],
    [['steps', 3, 'steps', 0, 'allowed_teams', 0], '37:25'],
    [['steps', 3, 'steps', 1, 'trigger'], '38:9'],
    [['steps', 3, 'steps', 1, 'extra', 'build', 'branch'], '40:11'],
    [['steps', 4, 'extra', 'fields', 0, 'text'], '43:9'],
  ] as Array<[Path, string]>)('%j → %s', (path, want) => {
    expect(pos(path)).toBe(want);
  });

  test.each([
    [['steps', 2, 'timeout_in_minutes'], '25:5'],
    [['steps', 0, 'nonexistent', 'x'], '7:5'],
    [['steps', 0, 'plugins', 9], '11:5'],
    [['steps', 9, 'commands'], '6:1'],
    [['nope'], '1:1'],
  ] as Array<[Path, string]>)('unknown tail %j → nearest known ancestor %s', (path, want) => {
    expect(pos(path)).toBe(want);
  });
});

describe('locate with evidence', () => {
  test.each([
    ['inside a block scalar', ['steps', 2, 'commands', 0], 'curl -sSL https://example.com/install.sh', '28:7'],
    ['multi-line evidence (first line)', ['steps', 2, 'commands', 0], 'echo deploying\ncurl -sSL', '27:7'],
    ['inside a list item', ['steps', 0, 'commands', 0], 'deps', '9:14'],
    ['a plugin key', ['steps', 0, 'plugins', 0], 'docker#v5.12.0', '12:9'],
    ['a plugin string', ['steps', 0, 'plugins', 2], 'acme/scan#main', '16:9'],
    ['one part of a split string', ['steps', 0, 'artifact_paths', 1], 'coverage/*', '23:29'],
    ['a quoted value', ['steps', 0, 'plugins', 0, 'config', 'image'], 'node:20', '13:19'],
    ['not in the scalar', ['steps', 2, 'commands', 0], 'rm -rf /', '26:5'],
    ['on a mapping (no scalar)', ['steps', 0], 'make', '7:5'],
    ['null evidence', ['steps', 2, 'commands', 0], null, '26:5'],
  ] as Array<[string, Path, string | null, string]>)('%s', (_name, path, evidence, want) => {
    expect(pos(path, evidence)).toBe(want);
  });
});

describe('locate in other shapes', () => {
  test.each([
    ['a `command:` string', 'steps:\n  - command: make\n', ['steps', 0, 'commands', 0], '2:5'],
    ['a `- |` block item', 'steps:\n  - commands:\n      - |\n        make\n', ['steps', 0, 'commands', 0], '3:9'],
    ['command then commands', 'steps:\n  - command: a\n    commands: [b, c]\n', ['steps', 0, 'commands', 2], '3:19'],
    ['a bare list of steps', '- wait\n- command: x\n', ['steps', 1, 'commands', 0], '2:3'],
    ['a bare list itself', '# c\n- wait\n', ['steps'], '2:1'],
    ['a shorthand step', 'steps:\n  - "block"\n', ['steps', 0, 'type'], '2:5'],
    ['a nested command step', 'steps:\n  - command:\n      command: x\n', ['steps', 0, 'commands', 0], '3:7'],
    ['a nested step type', 'steps:\n  - wait:\n      if: a\n', ['steps', 0, 'type'], '2:5'],
    ['legacy plugin map', 'steps:\n  - plugins:\n      a#v1: {x: 1}\n      b#v2: ~\n', ['steps', 0, 'plugins', 1], '4:7'],
    ['legacy plugin map config', 'steps:\n  - plugins:\n      a#v1: {x: 1}\n', ['steps', 0, 'plugins', 0, 'config', 'x'], '3:14'],
    ['env as K=V list', 'env:\n  - A=1\n  - B=2\nsteps: []\n', ['env', 'B'], '3:5'],
    ['secrets list', 'steps:\n  - command: x\n    secrets: [A, B]\n', ['steps', 0, 'secrets', 'B'], '3:18'],
    ['pipeline secrets map', 'secrets:\n  TOKEN: api-token\nsteps: []\n', ['secrets', 'TOKEN'], '2:3'],
    ['notify entry', 'notify:\n  - email: a@b.c\nsteps: []\n', ['notify', 0, 'email'], '2:5'],
    ['key from id', 'steps:\n  - id: x\n    command: y\n', ['steps', 0, 'key'], '2:5'],
    ['label from name', 'steps:\n  - name: x\n    command: y\n', ['steps', 0, 'label'], '2:5'],
    ['matrix', 'steps:\n  - command: x\n    matrix:\n      setup:\n        os: [a, b]\n', ['steps', 0, 'matrix', 'setup', 'os', 1], '5:17'],
    ['signature', 'steps:\n  - command: x\n    signature:\n      value: abc\n', ['steps', 0, 'signature', 'value'], '4:7'],
    ['a merged key', 'x: &x\n  agents: {queue: q}\nsteps:\n  - command: y\n    <<: *x\n', ['steps', 0, 'agents', 'queue'], '5:9'],
    ['a plugin of an aliased list', 'p: &p\n  - docker#v1: {image: x}\nsteps:\n  - command: y\n    plugins: *p\n  - command: z\n    plugins: *p\n', ['steps', 1, 'plugins', 0, 'config', 'image'], '7:14'],
  ] as Array<[string, string, Path, string]>)('%s', (_name, yaml, path, want) => {
    const p = loadPipeline(yaml, 't.yml').locate(path);
    expect(`${p.line}:${p.column}`).toBe(want);
  });

  it('keeps positions right in every document of a multi-document file', () => {
    const multi = loadPipeline('env:\n  A: 1\nsteps:\n  - wait\n---\nenv:\n  B: 2\nsteps:\n  - command: x\n', 'm.yml');
    const at = (path: Path) => {
      const p = multi.locate(path);
      return `${p.line}:${p.column}`;
    };
    expect([at(['env', 'A']), at(['env', 'B']), at(['steps', 0]), at(['steps', 1, 'commands', 0]), at(['steps'])]).toEqual([
      '2:3',
      '7:3',
      '4:5',
      '9:5',
      '3:1',
    ]);
  });
});
