// `kiteguard check`: pipeline files in, one Report out. No network, no token.
import { readFileSync } from 'node:fs';
import { engineData, type Config } from '../config/load.js';
import { readConfigFile } from '../config/read.js';
import { applyWaivers, settleWaivers } from '../config/waivers.js';
import { readAsset } from '../engine/assets.js';
import { parseCatalog, yamlRules } from '../engine/catalog.js';
import { toOutcomes } from '../engine/outcomes.js';
import { PolicyEngine } from '../engine/policy.js';
import { InputError } from '../errors.js';
import { loadPipeline } from '../pipeline/load.js';
import type { Report, RuleInfo, RuleOutcome, Severity } from '../model/report.js';
import { discoverPipelineFiles } from './discover.js';

/** What `check` needs to run. */
export interface CheckRequest {
  /** Files, directories, or `-` for stdin; empty for discovery. */
  paths: string[];
  cwd: string;
  readStdin: () => Promise<string>;
  /** Explicit `--config`; otherwise `.kiteguard.yml` is looked up from cwd upward. */
  configPath?: string;
  /** `--fail-on`; otherwise the config's `fail_on`, else `high`. */
  failOn?: Severity;
  now: Date;
  version: string;
  /** The policy module when it was compiled ahead (bin starts that before the CLI loads). */
  policy?: Promise<WebAssembly.Module | undefined>;
}

/** The report, plus the inputs that could not be checked (each is exit 2). */
export interface CheckResult {
  report: Report;
  errors: InputError[];
}

/** Runs the pipeline rules over every requested file. */
export async function runCheck(req: CheckRequest): Promise<CheckResult> {
  const catalog = parseCatalog(readAsset('catalog.json').toString('utf8'));
  const config = readConfigFile(req.cwd, req.configPath, catalog);
  const rules = yamlRules(catalog)
    .filter((r) => config.rules[r.id]?.enabled !== false)
    .map((r) => ({ ...r, severity: config.rules[r.id]?.severity ?? r.severity }));
  const engine = PolicyEngine.load((await req.policy) ?? readAsset('policy.wasm'));
  engine.setData(engineData(config));

  const errors: InputError[] = [];
  const targets: string[] = [];
  let outcomes: RuleOutcome[] = [];
  const now = req.now.toISOString();
  for (const source of await readSources(req, errors)) {
    try {
      const loaded = loadPipeline(source.text, source.name);
      const input = new TextEncoder().encode(JSON.stringify({ pipeline: loaded.pipeline, context: {}, now }));
      const result = engine.evaluate('pipeline', input.buffer as ArrayBuffer);
      targets.push(source.name);
      outcomes = outcomes.concat(
        toOutcomes(rules, result, {
          target: source.name,
          locate: (f) => ({ file: source.name, ...loaded.locate(f.path, f.evidence) }),
          severityOf: (r) => r.severity,
        }),
      );
    } catch (err) {
      if (err instanceof InputError) errors.push(err);
      else throw err;
    }
  }

  const today = now.slice(0, 10);
  return {
    report: {
      tool: { name: 'kiteguard', version: req.version },
      generatedAt: now,
      targets,
      rules,
      outcomes: outcomes.map((o) => settleWaivers(o, config.waivers, today)),
      expiredWaivers: applyWaivers([], config.waivers, today).expired,
      failOn: req.failOn ?? config.failOn ?? 'high',
    },
    errors,
  };
}


async function readSources(req: CheckRequest, errors: InputError[]): Promise<Array<{ name: string; text: string }>> {
  const sources: Array<{ name: string; text: string }> = [];
  const named = req.paths.filter((p) => p !== '-');
  if (req.paths.includes('-')) sources.push({ name: '<stdin>', text: await req.readStdin() });
  if (named.length === 0 && req.paths.length > 0) return sources;
  for (const file of discoverPipelineFiles(named, req.cwd)) {
    try {
      sources.push({ name: file.name, text: readFileSync(file.path, 'utf8') });
    } catch {
      errors.push(new InputError('cannot read the file', { file: file.name }));
    }
  }
  return sources;
}
