// What the engine evaluates: one target per pipeline (file or Buildkite pipeline), repository and
// organization, each with the input its policies read (docs/targets.md) and a way to place findings.
import type { Location, TargetKind } from './report.js';

/** Places a finding by its JSON path inside the target; undefined places it at the target itself. */
export type Locator = (path: ReadonlyArray<string | number>, evidence: string | null) => Location | undefined;

/** One thing to evaluate with its kind's entrypoint. */
export interface Target {
  kind: TargetKind;
  /** Shown in reports and matched by waiver globs: `.buildkite/pipeline.yml`, `acme/api`, `acme/api:.buildkite/pipeline.yml`, `buildkite:acme/deploy`, `organization`. */
  name: string;
  repository?: string;
  pipeline?: string;
  /** The policy input, without `now` (the evaluation adds it). */
  input: Record<string, unknown>;
  /** Maps a finding's path to file:line:col in the YAML the target was built from. */
  locate?: Locator;
  /** The YAML file `locate` places findings in. */
  file?: string;
  /** Where that file is on disk (pipeline files given to `check`), to find the other pipeline files of its repository. */
  path?: string;
  /** Inline suppressions written in the target's YAML file. */
  suppressions?: InlineSuppression[];
  /** Set for a stand-in of targets that could not be listed (the repository list was not readable, say): every rule of the kind is unknown with this reason, without evaluation. */
  unknownReason?: string;
}

/** Where a finding of a target is: where its locator places it, else the target itself (line 0). */
export function locateFinding(target: Target, path: ReadonlyArray<string | number>, evidence: string | null): Location {
  return target.locate?.(path, evidence) ?? { file: target.name, line: 0, column: 0 };
}

/** `# kiteguard: ignore[rule-id, …] reason` in a pipeline file: it waives those rules' findings on its own line, or on the next line when it stands alone. */
export interface InlineSuppression {
  line: number;
  column: number;
  rules: string[];
  /** Why the findings are accepted; a suppression without one does not apply. */
  reason: string;
  /** The comment is alone on its line, so it covers the line below. */
  ownLine: boolean;
}
