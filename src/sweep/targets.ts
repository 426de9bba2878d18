// What the sweep evaluates: one target per pipeline, repository and organization, each with
// the input its policies read (docs/targets.md) and a way to place findings.
import type { Location, TargetKind } from '../model/report.js';

/** One thing to evaluate with its kind's entrypoint. */
export interface Target {
  kind: TargetKind;
  /** Shown in reports and matched by waiver globs: `acme/api`, `acme/api:.buildkite/pipeline.yml`, `buildkite:acme/deploy`, `organization`. */
  name: string;
  repository?: string;
  pipeline?: string;
  /** The policy input, without `now` (the evaluation adds it). */
  input: Record<string, unknown>;
  /** Places a finding whose path points into YAML; findings elsewhere are placed at the target. */
  locate?: (path: ReadonlyArray<string | number>, evidence: string | null) => { line: number; column: number } | undefined;
  /** The file `locate` positions are in. */
  file?: string;
  /** Set for a stand-in of targets that could not be listed (the repository list was not readable, say): every rule of the kind is unknown with this reason, without evaluation. */
  unknownReason?: string;
}

/** Where a finding of a target is: in its YAML file when the path leads there, else the target itself (line 0). */
export function locateFinding(target: Target, path: ReadonlyArray<string | number>, evidence: string | null): Location {
  if (target.locate && target.file && path[0] === 'steps') {
    const at = target.locate(path, evidence);
    if (at) return { file: target.file, ...at };
  }
  return { file: target.name, line: 0, column: 0 };
}
