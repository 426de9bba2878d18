// `kiteguard check-agent`: agent configurations, env files, hooks folders, Elastic CI Stack parameters and
// agent-stack-k8s values in, one Report out, through the same evaluator as `check`. No network, no token.
import type { AgentKind } from '../agent/types.js';
import { evaluationSettings } from '../config/load.js';
import { readConfigFile } from '../config/read.js';
import { readAsset } from '../engine/assets.js';
import { loadCatalog, rulesFor } from '../engine/catalog.js';
import { evaluateTargets } from '../engine/evaluate.js';
import { InputError } from '../errors.js';
import type { Report, Severity } from '../model/report.js';
import { agentFileTargets, type QueueTrust } from '../targets/agent-file.js';

/** What `check-agent` needs to run. */
export interface CheckAgentRequest {
  paths: string[];
  cwd: string;
  /** `--kind`: read every path as this kind instead of telling it from the content. */
  kind?: AgentKind;
  /** `--queue-trust`: whether the agents' queue runs only trusted code. */
  queueTrust?: QueueTrust;
  /** `--agent-version`: the agent release the settings run on. */
  agentVersion?: string;
  configPath?: string;
  failOn?: Severity;
  now: Date;
  version: string;
  policy?: Promise<WebAssembly.Module | undefined>;
}

/** The report, plus the inputs that could not be checked (each is exit 2). */
export interface CheckAgentResult {
  report: Report;
  errors: InputError[];
}

/** Runs the agent rules over every named file and folder; no paths at all is an InputError. */
export async function runCheckAgent(req: CheckAgentRequest): Promise<CheckAgentResult> {
  if (req.paths.length === 0) throw new InputError('name the agent files or hooks folders to check (buildkite-agent.cfg, an env file, a hooks folder, stack parameters, Helm values)');
  if (req.agentVersion !== undefined && !/^v?\d+\.\d+\.\d+$/.test(req.agentVersion)) throw new InputError(`expected --agent-version as MAJOR.MINOR.PATCH (e.g. 3.62.0), got \`${req.agentVersion}\``);
  const catalog = loadCatalog();
  const config = readConfigFile(req.cwd, req.configPath, catalog);
  const { targets, errors } = agentFileTargets(req.paths, req.cwd, {
    ...(req.kind ? { kind: req.kind } : {}),
    ...(req.queueTrust ? { queueTrust: req.queueTrust } : {}),
    ...(req.agentVersion ? { agentVersion: req.agentVersion.replace(/^v/, '') } : {}),
  });
  const report = await evaluateTargets(targets, {
    catalog: rulesFor(catalog, 'agent'),
    settings: evaluationSettings(config),
    policy: (await req.policy) ?? readAsset('policy.wasm'),
    now: req.now,
    version: req.version,
    files: false,
    ...(req.failOn ? { failOn: req.failOn } : {}),
  });
  return { report, errors };
}
