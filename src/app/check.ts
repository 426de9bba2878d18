// `kiteguard check`: pipeline files in, one Report out, through the same evaluator as a sweep. No network, no token.
import { yamlRules } from '../engine/catalog.js';
import { InputError } from '../errors.js';
import type { Report, RunProblem } from '../model/report.js';
import type { SkippedFile } from '../targets/discover.js';
import { pipelineFileTargets } from '../targets/pipeline-file.js';
import { fileEvaluator, type FileEvaluationRequest } from './file-evaluation.js';
import { settleRepositoryWide } from './repository-scope.js';

/** What `check` needs to run. */
export interface CheckRequest extends FileEvaluationRequest {
  /** Files, directories, or `-` for stdin; empty for discovery. */
  paths: string[];
  readStdin: () => Promise<string>;
  /** `--stdin-filename`: the name stdin is reported under and waivers match (as if it were that file in cwd). */
  stdinName?: string;
}

/** The report, plus the inputs that could not be checked (each is exit 2) and the files discovery skipped. */
export interface CheckResult {
  report: Report;
  errors: InputError[];
  skipped: SkippedFile[];
}

/** Runs the rules on pipeline YAML over every requested file; nothing to check at all is an InputError. */
export async function runCheck(req: CheckRequest): Promise<CheckResult> {
  const evaluate = await fileEvaluator(req, yamlRules, true);
  const { targets, errors, skipped } = await pipelineFileTargets(req.paths, req.cwd, req.readStdin, req.stdinName);
  if (targets.length === 0 && errors.length === 0) {
    throw new InputError(req.paths.length ? 'no pipeline files found in the given paths' : 'no pipeline files found (looked for .buildkite/**/*.{yml,yaml}, buildkite.{yml,yaml} and .buildkite.{yml,yaml}); name files to check');
  }
  const report = await settleRepositoryWide(await evaluate(targets), targets, req.cwd, (others) => evaluate(others, true));
  const problems = [...errors.map(inputProblem), ...skipped.map(skippedProblem)];
  return { report: problems.length > 0 ? { ...report, problems } : report, errors, skipped };
}

/** A file discovery passed over, as a problem every format shows ("not checked: file — reason"): a link out of the
 * repository hid what it holds, so it counts as incomplete data; a loop, a duplicate or a dangling link is a notice. */
export function skippedProblem(s: SkippedFile): RunProblem {
  return { kind: s.unseen ? 'incomplete' : 'notice', skipped: true, message: s.reason, location: { file: s.name } };
}

/** An input error as a problem of the report, so every format says the file was not checked. */
export function inputProblem(err: InputError): RunProblem {
  return { kind: 'input', message: err.detail, ...(err.position ? { location: { ...err.position } } : {}) };
}
