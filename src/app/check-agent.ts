// `kiteguard check-agent`: agent configurations, env files, hooks folders, Elastic CI Stack parameters and
// agent-stack-k8s values in, one Report out, through the same evaluator as `check`. No network, no token.
import type { AgentKind } from '../agent/types.js';
import { rulesFor } from '../engine/catalog.js';
import { InputError } from '../errors.js';
import type { Report } from '../model/report.js';
import { agentFileTargets, type QueueTrust } from '../targets/agent-file.js';
import { fileEvaluator, type FileEvaluationRequest } from './file-evaluation.js';

/** What `check-agent` needs to run. */
export interface CheckAgentRequest extends FileEvaluationRequest {
  paths: string[];
  /** `--kind`: read every path as this kind instead of telling it from the content. */
  kind?: AgentKind;
  /** `--queue-trust`: whether the agents' queue runs only trusted code. */
  queueTrust?: QueueTrust;
  /** `--agent-version`: the agent release the settings run on. */
  agentVersion?: string;
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
  const evaluate = await fileEvaluator(req, (catalog) => rulesFor(catalog, 'agent'), false);
  const { targets, errors } = agentFileTargets(req.paths, req.cwd, {
    ...(req.kind ? { kind: req.kind } : {}),
    ...(req.queueTrust ? { queueTrust: req.queueTrust } : {}),
    ...(req.agentVersion ? { agentVersion: req.agentVersion.replace(/^v/, '') } : {}),
  });
  return { report: await evaluate(targets), errors };
}
