// agent-stack-k8s Helm values: the controller's `config` (prohibit-kubernetes-plugin, tags, image)
// and the agent settings under `config.agent-config`, with YAML positions.
import { InputError } from '../errors.js';
import { loadYaml, locate } from '../yaml/index.js';
import { queueOfTags, settingValue } from './settings.js';
import { MASKED, emptyAgent, type AgentDocument } from './types.js';

const SECRET_VALUES = ['agentToken', 'graphqlToken'];

/** Reads a Helm values file of agent-stack-k8s; throws InputError (file:line) when it is not a mapping. */
export function loadK8sValues(text: string, file: string): AgentDocument {
  const loaded = loadYaml(text, file);
  const doc = loaded.documents[0];
  if (!doc || doc.value === null || typeof doc.value !== 'object' || Array.isArray(doc.value)) {
    throw new InputError('expected agent-stack-k8s Helm values: a mapping with a `config` key', { file, line: 1, column: 1 });
  }
  const values = { ...(doc.value as Record<string, unknown>) };
  for (const key of SECRET_VALUES) {
    const v = values[key];
    if (typeof v === 'string' && v !== '' && !v.includes('$')) values[key] = MASKED;
  }
  const agent = emptyAgent('k8s-stack');
  agent.values = values;
  const config = objectAt(values.config);
  for (const [name, value] of Object.entries(objectAt(config['agent-config']))) {
    if (typeof value === 'boolean' || Array.isArray(value)) agent.settings[name] = Array.isArray(value) ? value.map(String) : value;
    else if (value !== null && value !== undefined) agent.settings[name] = settingValue(name, String(value));
  }
  const queue = queueOfTags(config.tags);
  if (queue) agent.queue = queue;
  const tag = typeof config.image === 'string' ? /:v?(\d+\.\d+\.\d+)(?:[-@].*)?$/.exec(config.image)?.[1] : undefined;
  if (tag) agent.version = tag;
  const where = (yamlPath: ReadonlyArray<string | number>) => ({ file, ...locate(loaded, doc.node, yamlPath) });
  return {
    agent,
    locate: (path) => {
      if (path[0] !== 'agent') return undefined;
      if (path[1] === 'values') return where(path.slice(2));
      if (path[1] === 'settings') return where(['config', 'agent-config', ...path.slice(2)]);
      return where([]);
    },
  };
}

function objectAt(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
