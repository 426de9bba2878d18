// What `check` and `check-agent` share: the catalog, `.kiteguard.yml` and the policy module loaded once, then
// files' targets evaluated with the rules of their kind, as often as a command needs.
import { dirname, relative, resolve, sep } from 'node:path';
import { evaluationSettings } from '../config/load.js';
import { readAsset } from '../engine/assets.js';
import { loadCatalog } from '../engine/catalog.js';
import { evaluateTargets } from '../engine/evaluate.js';
import type { Report, RuleInfo, Severity } from '../model/report.js';
import type { Target } from '../model/target.js';
import { effectiveConfig } from './org-config.js';

/** The parts of a request that decide how files are evaluated. */
export interface FileEvaluationRequest {
  cwd: string;
  /** Explicit `--config`; otherwise `.kiteguard.yml` is looked up from cwd upward. */
  configPath?: string;
  /** `--fail-on`; otherwise the config's `fail_on`, else `high`. */
  failOn?: Severity;
  now: Date;
  version: string;
  /** The policy module when it was compiled ahead (bin starts that before the CLI loads). */
  policy?: Promise<WebAssembly.Module | undefined>;
}

/** Evaluates targets of files into a report; `repositoryWide`: with only the rules any pipeline file of a repository can satisfy. */
export type FileEvaluator = (targets: Target[], repositoryWide?: boolean) => Promise<Report>;

/** Reads the config (a bad one throws) and returns an evaluator of the rules `select` picks; `files`: a report of pipeline files, as `check` writes it. */
export async function fileEvaluator(req: FileEvaluationRequest, select: (catalog: RuleInfo[]) => RuleInfo[], files: boolean): Promise<FileEvaluator> {
  const catalog = loadCatalog();
  const config = effectiveConfig(req.cwd, req.configPath, catalog);
  const options = {
    catalog: select(catalog),
    settings: { ...evaluationSettings(config), waiverPath: waiverPath(config.file ? dirname(config.file) : req.cwd, req.cwd) },
    policy: (await req.policy) ?? readAsset('policy.wasm'),
    now: req.now,
    version: req.version,
    files,
    ...(req.failOn ? { failOn: req.failOn } : {}),
  };
  const wide = { ...options, catalog: options.catalog.filter((r) => r.repositoryWide), repositoryWide: true };
  return (targets, repositoryWide) => evaluateTargets(targets, repositoryWide ? wide : options);
}

/** Waiver globs are relative to the config file's folder: a finding's file (named relative to cwd) as seen from there. */
export function waiverPath(base: string, cwd: string): (file: string) => string {
  return (file) => relative(base, resolve(cwd, file)).split(sep).join('/');
}
