// Elastic CI Stack for AWS parameters: a CloudFormation parameter file (a JSON list of
// {ParameterKey, ParameterValue}, alone or as `Parameters` of `--cli-input-json`), `aws cloudformation`
// parameter overrides (`Name=Value` or `ParameterKey=Name,ParameterValue=Value` lines), or Terraform
// tfvars for the stack module (`name = value`).
import { InputError } from '../errors.js';
import type { Location } from '../model/report.js';
import { child, loadYaml, locate } from '../yaml/index.js';
import { MASKED, emptyAgent, pathKey, tableLocator, type AgentDocument } from './types.js';

/** The stack parameters kiteguard reads; tfvars names are these in snake_case. */
export const STACK_PARAMETERS = [
  'BuildkiteAgentToken',
  'BuildkiteAgentTokenParameterStorePath',
  'BuildkiteQueue',
  'BuildkiteAgentRelease',
  'BuildkiteTerminateInstanceAfterJob',
  'PipelineSigningKMSKeyId',
  'PipelineSigningKMSKeySpec',
  'PipelineSigningKMSAccess',
  'PipelineSigningVerificationFailureBehavior',
  'AssociatePublicIpAddress',
  'IMDSv2Tokens',
  'RootVolumeEncrypted',
  'KeyName',
  'AuthorizedUsersUrl',
  'SecretsBucketEncryption',
  'EnableInstanceStorage',
  'InstanceTypes',
  'MinSize',
  'MaxSize',
] as const;

const SECRET_PARAMETERS = new Set(['BuildkiteAgentToken']);
const BY_FOLDED = new Map(STACK_PARAMETERS.map((p) => [p.toLowerCase(), p]));

/** Reads a CloudFormation parameter file; throws InputError (file:line) when an entry is not {ParameterKey, ParameterValue}. */
export function loadStackParameters(text: string, file: string): AgentDocument {
  const loaded = loadYaml(text, file);
  const top = loaded.documents[0];
  const wrapped = top !== undefined && top.value !== null && typeof top.value === 'object' && !Array.isArray(top.value) && 'Parameters' in top.value;
  const node = wrapped ? child(top.node, 'Parameters')?.node : top?.node;
  const doc = top && node ? { value: wrapped ? (top.value as { Parameters: unknown }).Parameters : top.value, node } : undefined;
  const agent = emptyAgent('elastic-stack');
  const table = new Map<string, Location>();
  if (!doc || !Array.isArray(doc.value)) throw new InputError('expected a JSON list of {"ParameterKey": …, "ParameterValue": …}', { file, line: 1, column: 1 });
  doc.value.forEach((entry: unknown, i) => {
    const at = locate(loaded, doc.node, [i]);
    const e = entry as Record<string, unknown> | null;
    if (e === null || typeof e !== 'object' || typeof e.ParameterKey !== 'string') {
      throw new InputError('expected {"ParameterKey": "<name>", "ParameterValue": "<value>"}', { file, ...at });
    }
    if (e.UsePreviousValue === true && e.ParameterValue === undefined) return;
    const value = e.ParameterValue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new InputError(`expected a string ParameterValue for ${e.ParameterKey}`, { file, ...at });
    }
    agent.parameters[e.ParameterKey] = mask(e.ParameterKey, String(value));
    table.set(pathKey(['agent', 'parameters', e.ParameterKey]), { file, ...locate(loaded, doc.node, [i, 'ParameterValue']) });
  });
  return finish(agent, table, file);
}

/** Reads Terraform tfvars for the stack module: `name = "value"` lines; other lines are an InputError (file:line). */
export function loadStackTfvars(text: string, file: string): AgentDocument {
  const agent = emptyAgent('elastic-stack');
  const table = new Map<string, Location>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (/^\s*(#|\/\/|$)/.test(line)) return;
    const m = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) throw new InputError(`expected \`name = value\` (a tfvars assignment), got \`${line.trim().slice(0, 60)}\``, { file, line: i + 1, column: 1 });
    const name = BY_FOLDED.get(m[2]!.replaceAll('_', '').toLowerCase());
    if (!name) return;
    const raw = m[3]!.replace(/\s+(#|\/\/).*$/, '');
    const value = /^"(.*)"$/.exec(raw)?.[1] ?? raw;
    agent.parameters[name] = mask(name, value);
    table.set(pathKey(['agent', 'parameters', name]), { file, line: i + 1, column: m[1]!.length + 1 });
  });
  return finish(agent, table, file);
}

/** Reads `aws cloudformation` parameter overrides, one `Name=Value` or `ParameterKey=Name,ParameterValue=Value` a line. */
export function loadStackOverrides(text: string, file: string): AgentDocument {
  const agent = emptyAgent('elastic-stack');
  const table = new Map<string, Location>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (/^\s*(#|$)/.test(line)) return;
    const m = /^(\s*)(?:ParameterKey=([A-Za-z0-9]+),ParameterValue=(.*)|([A-Za-z0-9]+)=(.*))$/.exec(line.trimEnd());
    if (!m) throw new InputError(`expected \`Name=Value\` or \`ParameterKey=Name,ParameterValue=Value\`, got \`${line.trim().slice(0, 60)}\``, { file, line: i + 1, column: 1 });
    const name = (m[2] ?? m[4])!;
    const value = (m[3] ?? m[5])!.replace(/^"(.*)"$/, '$1');
    agent.parameters[name] = mask(name, value);
    table.set(pathKey(['agent', 'parameters', name]), { file, line: i + 1, column: m[1]!.length + 1 });
  });
  return finish(agent, table, file);
}

function mask(name: string, value: string): string {
  return SECRET_PARAMETERS.has(name) && value !== '' && !value.includes('$') ? MASKED : value;
}

function finish(agent: AgentDocument['agent'], table: Map<string, Location>, file: string): AgentDocument {
  const queue = agent.parameters.BuildkiteQueue;
  agent.queue = queue === undefined || queue === '' ? 'default' : queue;
  return { agent, locate: tableLocator(table, { file, line: 1, column: 1 }) };
}
