// Which kind of agent file a text is (from its content, or as named by `--kind`), and reading it.
import { InputError } from '../errors.js';
import { hookName, loadHooks } from './hooks.js';
import { loadK8sValues } from './k8s.js';
import { loadAgentConfig, loadAgentEnv } from './settings.js';
import { STACK_PARAMETERS, loadStackOverrides, loadStackParameters, loadStackTfvars } from './stack.js';
import type { AgentDocument, AgentKind } from './types.js';

const FOLDED_PARAMETERS = new Set(STACK_PARAMETERS.map((p) => p.toLowerCase()));

/** What a file's content says it is, or undefined when it looks like none of the agent kinds. */
export function detectKind(text: string, file: string): AgentKind | undefined {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*[[{]/.test(body) && /"ParameterKey"/.test(body)) return 'elastic-stack';
  if (/\.tfvars$/.test(file) || tfvarsNames(body) > 0) return 'elastic-stack';
  if (overrideNames(body) > 0) return 'elastic-stack';
  if (/^#!/.test(body)) return 'hooks';
  if (/^(config|agentToken|agentStackSecret|graphqlToken)\s*:/m.test(body)) return 'k8s-stack';
  if (/^\s*(export\s+)?BUILDKITE_[A-Z0-9_]+\s*=/m.test(body)) return 'agent-env';
  if (/^\s*[a-z][a-z0-9-]*\s*=/m.test(body)) return 'agent-config';
  return undefined;
}

/** Reads one agent file of the given (or detected) kind; throws InputError when the kind cannot be told or the file does not parse. */
export function loadAgentFile(text: string, file: string, kind?: AgentKind): AgentDocument {
  const k = kind ?? detectKind(text, file);
  switch (k) {
    case 'agent-config':
      return loadAgentConfig(text, file);
    case 'agent-env':
      return loadAgentEnv(text, file);
    case 'elastic-stack':
      if (/^\s*[[{]/.test(text)) return loadStackParameters(text, file);
      return overrideNames(text) > 0 ? loadStackOverrides(text, file) : loadStackTfvars(text, file);
    case 'k8s-stack':
      return loadK8sValues(text, file);
    case 'hooks':
      return loadHooks([{ name: hookName(file.split('/').pop() ?? file), file, text }], file);
    default:
      throw new InputError(
        'cannot tell what kind of agent file this is: expected a buildkite-agent.cfg (name=value), an env file (BUILDKITE_AGENT_*=…), a CloudFormation parameter list, stack tfvars, agent-stack-k8s values (config:) or a hook script (#!); name the kind with --kind',
        { file, line: 1, column: 1 },
      );
  }
}

function overrideNames(text: string): number {
  let n = 0;
  for (const m of text.matchAll(/^\s*(?:ParameterKey=)?([A-Z][A-Za-z0-9]+)(?:=|,ParameterValue=)/gm)) if (FOLDED_PARAMETERS.has(m[1]!.toLowerCase())) n++;
  return n;
}

function tfvarsNames(text: string): number {
  let n = 0;
  for (const m of text.matchAll(/^\s*([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\s*=/gm)) if (FOLDED_PARAMETERS.has(m[1]!.replaceAll('_', ''))) n++;
  return n;
}
