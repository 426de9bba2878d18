// The agent file readers (src/agent/): kinds told from content, settings from cfg and env lines,
// hook scripts as logical lines, stack parameters, and positions for each.
import { describe, expect, it } from 'vitest';
import { logicalLines } from '../src/agent/hooks.js';
import { detectKind, loadAgentFile } from '../src/agent/load.js';
import { settingOfVariable } from '../src/agent/settings.js';
import { InputError } from '../src/errors.js';

describe('agent file kinds', () => {
  it.each([
    ['[{"ParameterKey": "KeyName", "ParameterValue": ""}]', 'p.json', 'elastic-stack'],
    ['imdsv2_tokens = "required"\n', 'stack.auto.tfvars', 'elastic-stack'],
    ['#!/bin/bash\necho hi\n', 'environment', 'hooks'],
    ['config:\n  queue: k8s\n', 'values.yaml', 'k8s-stack'],
    ['export BUILDKITE_AGENT_TOKEN=x\n', 'agent.env', 'agent-env'],
    ['# cfg\nname="a"\n', 'buildkite-agent.cfg', 'agent-config'],
    ['hello world\n', 'notes', undefined],
  ])('%j is %s', (text, file, kind) => {
    expect(detectKind(text, file)).toBe(kind);
  });
});

describe('agent settings', () => {
  it('reads quoted values, booleans, lists and trailing comments, and masks an inline token', () => {
    const doc = loadAgentFile('token="abc"\nno-command-eval=true # on\nallowed-plugins="^a$, ^b$"\ntags="queue=ci,os=linux"\n', 'a.cfg');
    expect(doc.agent.settings).toEqual({ token: '<masked>', 'no-command-eval': true, 'allowed-plugins': ['^a$', '^b$'], tags: ['queue=ci', 'os=linux'] });
    expect(doc.agent.queue).toBe('ci');
    expect(doc.locate(['agent', 'settings', 'allowed-plugins'])).toEqual({ file: 'a.cfg', line: 3, column: 1 });
    expect(doc.locate(['agent', 'settings', 'missing'])).toEqual({ file: 'a.cfg', line: 1, column: 1 });
  });

  it('keeps a token that refers to a variable', () => {
    expect(loadAgentFile('token="${BUILDKITE_AGENT_TOKEN}"\n', 'a.cfg').agent.settings.token).toBe('${BUILDKITE_AGENT_TOKEN}');
  });

  it('maps environment variables to settings and skips the others', () => {
    expect(settingOfVariable('BUILDKITE_AGENT_NO_COMMAND_EVAL')).toBe('no-command-eval');
    expect(settingOfVariable('BUILDKITE_NO_LOCAL_HOOKS')).toBe('no-local-hooks');
    expect(settingOfVariable('PATH')).toBeUndefined();
    const doc = loadAgentFile('PATH=/bin\n  export BUILDKITE_AGENT_DEBUG_HTTP=1\n', 'agent.env');
    expect(doc.agent.settings).toEqual({ 'debug-http': true });
    expect(doc.locate(['agent', 'settings', 'debug-http'])).toEqual({ file: 'agent.env', line: 2, column: 10 });
  });

  it('throws an InputError at the line that is not a setting', () => {
    expect(() => loadAgentFile('name="a"\n[section]\n', 'a.cfg', 'agent-config')).toThrow(InputError);
    expect(() => loadAgentFile('name="a"\n[section]\n', 'a.cfg', 'agent-config')).toThrow(/^a\.cfg:2:1: expected `name=value`/);
  });
});

describe('hook scripts', () => {
  it('joins continued lines and leaves out comments and blank lines, keeping where each starts', () => {
    expect(logicalLines('#!/bin/bash\n\n# note\ncurl -fsSL \\\n  https://x.example/i.sh | sh\necho done\n')).toEqual([
      { text: 'curl -fsSL \\\n  https://x.example/i.sh | sh', line: 4 },
      { text: 'echo done', line: 6 },
    ]);
  });
});

describe('stack parameters', () => {
  it('reads tfvars by the module variable names, masking the token', () => {
    const doc = loadAgentFile('buildkite_agent_token = "t0k3n"\nroot_volume_encrypted = true\nunrelated = 1\n', 's.tfvars');
    expect(doc.agent.parameters).toEqual({ BuildkiteAgentToken: '<masked>', RootVolumeEncrypted: 'true' });
    expect(doc.agent.queue).toBe('default');
  });

  it('places a CloudFormation parameter at its ParameterValue key', () => {
    const doc = loadAgentFile('[\n  {"ParameterKey": "BuildkiteQueue", "ParameterValue": "pr"}\n]\n', 'p.json');
    expect(doc.agent.queue).toBe('pr');
    expect(doc.locate(['agent', 'parameters', 'BuildkiteQueue'])).toEqual({ file: 'p.json', line: 2, column: 38 });
  });
});

describe('stack parameters in other shapes', () => {
  it('reads the Parameters of --cli-input-json', () => {
    const doc = loadAgentFile('{\n  "StackName": "ci",\n  "Parameters": [\n    {"ParameterKey": "IMDSv2Tokens", "ParameterValue": "required"}\n  ]\n}\n', 'stack.json');
    expect(doc.agent.kind).toBe('elastic-stack');
    expect(doc.agent.parameters).toEqual({ IMDSv2Tokens: 'required' });
    expect(doc.locate(['agent', 'parameters', 'IMDSv2Tokens'])?.line).toBe(4);
  });

  it('reads aws cloudformation parameter overrides in both spellings', () => {
    const doc = loadAgentFile('# overrides\nIMDSv2Tokens=required\nParameterKey=RootVolumeEncrypted,ParameterValue=true\nBuildkiteAgentToken=abc\n', 'overrides.txt');
    expect(doc.agent.parameters).toEqual({ IMDSv2Tokens: 'required', RootVolumeEncrypted: 'true', BuildkiteAgentToken: '<masked>' });
    expect(doc.locate(['agent', 'parameters', 'RootVolumeEncrypted'])?.line).toBe(3);
  });

  it('throws at a line of overrides that is not one', () => {
    expect(() => loadAgentFile('IMDSv2Tokens=required\n--no-fail-on-empty-changeset\n', 'o.txt')).toThrow(/^o\.txt:2:1: expected `Name=Value`/);
  });
});
