// `kiteguard check`: pipeline files in, one Report out, through the same evaluator as a sweep. No network, no token.
import { dirname, relative, resolve, sep } from 'node:path';
import { evaluationSettings } from '../config/load.js';
import { readConfigFile } from '../config/read.js';
import { readAsset } from '../engine/assets.js';
import { loadCatalog, yamlRules } from '../engine/catalog.js';
import { evaluateTargets } from '../engine/evaluate.js';
import { InputError } from '../errors.js';
import type { Report, RunProblem, Severity } from '../model/report.js';
import type { SkippedFile } from '../targets/discover.js';
import { pipelineFileTargets } from '../targets/pipeline-file.js';
import { settleRepositoryWide } from './repository-scope.js';

/** What `check` needs to run. */
export interface CheckRequest {
  /** Files, directories, or `-` for stdin; empty for discovery. */
  paths: string[];
  cwd: string;
  readStdin: () => Promise<string>;
  /** Explicit `--config`; otherwise `.kiteguard.yml` is looked up from cwd upward. */
  configPath?: string;
  /** `--stdin-filename`: the name stdin is reported under and waivers match (as if it were that file in cwd). */
  stdinName?: string;
  /** `--fail-on`; otherwise the config's `fail_on`, else `high`. */
  failOn?: Severity;
  now: Date;
  version: string;
  /** The policy module when it was compiled ahead (bin starts that before the CLI loads). */
  policy?: Promise<WebAssembly.Module | undefined>;
}

/** The report, plus the inputs that could not be checked (each is exit 2) and the files discovery passed over. */
export interface CheckResult {
  report: Report;
  errors: InputError[];
  skipped: SkippedFile[];
}

/** Runs the rules on pipeline YAML over every requested file; nothing to check at all is an InputError. */
export async function runCheck(req: CheckRequest): Promise<CheckResult> {
  const catalog = loadCatalog();
  const config = readConfigFile(req.cwd, req.configPath, catalog);
  const { targets, errors, skipped } = await pipelineFileTargets(req.paths, req.cwd, req.readStdin, req.stdinName);
  if (targets.length === 0 && errors.length === 0) {
    throw new InputError(req.paths.length ? 'no pipeline files found in the given paths' : 'no pipeline files found (looked for .buildkite/**/*.yml, buildkite.yml, .buildkite.yml); name files to check');
  }
  const options = {
    catalog: yamlRules(catalog),
    settings: { ...evaluationSettings(config), waiverPath: waiverPath(config.file ? dirname(config.file) : req.cwd, req.cwd) },
    policy: (await req.policy) ?? readAsset('policy.wasm'),
    now: req.now,
    version: req.version,
    files: true,
    ...(req.failOn ? { failOn: req.failOn } : {}),
  };
  const report = await settleRepositoryWide(await evaluateTargets(targets, options), targets, req.cwd, (more) => evaluateTargets(more, options));
  return { report: errors.length > 0 ? { ...report, problems: errors.map(inputProblem) } : report, errors, skipped };
}

/** Waiver globs are relative to the config file's folder: a finding's file (named relative to cwd) as seen from there. */
export function waiverPath(base: string, cwd: string): (file: string) => string {
  return (file) => relative(base, resolve(cwd, file)).split(sep).join('/');
}

/** An input error as a problem of the report, so every format says the file was not checked. */
export function inputProblem(err: InputError): RunProblem {
  return { kind: 'input', message: err.detail, ...(err.position ? { location: { ...err.position } } : {}) };
}
