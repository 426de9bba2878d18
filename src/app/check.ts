// `kiteguard check`: pipeline files in, one Report out, through the same evaluator as a sweep. No network, no token.
import { yamlRules } from '../engine/catalog.js';
import { InputError } from '../errors.js';
import type { Report } from '../model/report.js';
import { pipelineFileTargets } from '../targets/pipeline-file.js';
import { fileEvaluator, type FileEvaluationRequest } from './file-evaluation.js';
import { settleRepositoryWide } from './repository-scope.js';

/** What `check` needs to run. */
export interface CheckRequest extends FileEvaluationRequest {
  /** Files, directories, or `-` for stdin; empty for discovery. */
  paths: string[];
  readStdin: () => Promise<string>;
}

/** The report, plus the inputs that could not be checked (each is exit 2). */
export interface CheckResult {
  report: Report;
  errors: InputError[];
}

/** Runs the rules on pipeline YAML over every requested file; nothing to check at all is an InputError. */
export async function runCheck(req: CheckRequest): Promise<CheckResult> {
  const evaluate = await fileEvaluator(req, yamlRules, true);
  const { targets, errors } = await pipelineFileTargets(req.paths, req.cwd, req.readStdin);
  if (targets.length === 0 && errors.length === 0) {
    throw new InputError(req.paths.length ? 'no pipeline files found in the given paths' : 'no pipeline files found (looked for .buildkite/**/*.yml, buildkite.yml, .buildkite.yml); name files to check');
  }
  const report = await evaluate(targets);
  return { report: await settleRepositoryWide(report, targets, req.cwd, evaluate), errors };
}
