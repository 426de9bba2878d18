// The normalized pipeline document: the shape every pipeline rule sees as `input.pipeline`.
// Buildkite accepts many spellings of the same thing; normalization reduces them to one.

/** A YAML value after normalization: plain JSON. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One plugin reference, split from `source#ref` and resolved to a canonical source. */
export interface NormalizedPlugin {
  /** The reference as written before `#`, e.g. `docker`, `org/name`, `ssh://…`. */
  name: string;
  /** The text after `#`, or null when unpinned. */
  ref: string | null;
  /** Canonical source: `github.com/<owner>/<repo>` for shorthand names, else the URL or path as written. */
  source: string;
  /** True for a local path or a `${VAR}` reference that only resolves at run time. */
  dynamic: boolean;
  /** The plugin's configuration (null when none). */
  config: Json;
}

/** The kinds of step Buildkite knows. */
export type StepType = 'command' | 'wait' | 'block' | 'input' | 'trigger' | 'group';

/** One step, with shorthands expanded and aliases folded into one spelling. */
export interface NormalizedStep {
  type: StepType;
  /** `label` or `name`, else null. */
  label: string | null;
  /** `key`, `id` or `identifier`, else null. */
  key: string | null;
  /** `if:` condition, else null. */
  if: string | null;
  /** `branches:` filter as written (string), else null. */
  branches: string | null;
  depends_on: Json;
  /** Command steps: every command line as a string (from `command` or `commands`). */
  commands: string[];
  /** Step environment, values as strings. */
  env: Record<string, string>;
  /** Agent targeting as a map (`queue=x` list entries become keys). */
  agents: Record<string, string>;
  plugins: NormalizedPlugin[];
  /** Secrets exposed to the step: env var name -> secret key. */
  secrets: Record<string, string>;
  /** Number, or null when absent. */
  timeout_in_minutes: number | null;
  /** true, false, or a list of `{exit_status}` objects. */
  soft_fail: boolean | Json[];
  artifact_paths: string[];
  /** Block/input steps: teams allowed to unblock, [] when unrestricted. */
  allowed_teams: string[];
  /** Trigger steps: the triggered pipeline slug. */
  trigger: string | null;
  /** Group steps: the nested steps. */
  steps: NormalizedStep[];
  /** Signed pipelines: the step's `signature` object, else null. */
  signature: Json;
  matrix: Json;
  /** Every other key as written, so nothing is lost. */
  extra: Record<string, Json>;
  /** Typed fields (timeout_in_minutes, soft_fail, parallelism …) set only at upload time: field → the `$VAR` text as written. */
  interpolated: Record<string, string>;
}

/** A whole pipeline file (all YAML documents merged in order). */
export interface NormalizedPipeline {
  env: Record<string, string>;
  agents: Record<string, string>;
  secrets: Record<string, string>;
  notify: Json[];
  steps: NormalizedStep[];
  /** Top-level keys rules read besides the above (the hosted-agent `image`), only when present. */
  extra?: Record<string, Json>;
}
