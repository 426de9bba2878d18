// The result model: what one run decided (rules, outcomes, findings, waivers, drift), independent of how it is printed.
// Formatters read a Report and return text; they never choose exit codes.

/** Rule severities, lowest first. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
/** A rule severity. */
export type Severity = (typeof SEVERITIES)[number];

/** The one outcome every (rule, target) pair ends in. */
export type Outcome = 'fail' | 'pass' | 'unknown' | 'waived' | 'not_applicable';

/** A config knob declared in a rule's METADATA. */
export interface KnobInfo {
  default: unknown;
  description: string;
}

/** One rule of the catalog, read from its policy METADATA. */
export interface RuleInfo {
  /** Stable id used in output, SARIF and waivers, e.g. `pipeline/plugin_not_pinned`. */
  id: string;
  title: string;
  description: string;
  severity: Severity;
  /** Section 1-10 of the CI/CD security guide. */
  area: number;
  target: TargetKind;
  remediation: string;
  /** Documentation links. */
  related: string[];
  knobs: Record<string, KnobInfo>;
  /** Whether `.kiteguard.yml` attestations can satisfy it (controls no API can show). */
  attestable?: boolean;
  /** Whether any pipeline file of the same repository satisfies it (METADATA `scope: repository`): a scan in one file covers the others. */
  repositoryWide?: boolean;
  /** The Rego package path, e.g. `pipeline.plugin_not_pinned`. */
  package: string;
}

/** A 1-based position in a source file. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

/** A waiver from `.kiteguard.yml`. */
export interface Waiver {
  rule: string;
  /** Glob matched against the target's file path (or target name). */
  path: string;
  reason: string;
  owner: string;
  /** ISO date `YYYY-MM-DD`; the waiver stops applying after this day. */
  expires: string;
  /** Where the waiver is written, for messages. */
  source: Location;
  /** An inline suppression in the pipeline file (`# kiteguard: ignore[rule] reason`): no owner, no expiry. */
  inline?: boolean;
}

/** One thing a rule found wrong in one target. */
export interface Finding {
  ruleId: string;
  /** Effective severity (after config overrides). */
  severity: Severity;
  message: string;
  /** JSON path inside the target, e.g. `["steps", 3, "plugins", 0]`. */
  path: Array<string | number>;
  evidence: string | null;
  location: Location;
  /** Set when a valid waiver covers this finding. */
  waiver?: Waiver;
}

/** The kinds of thing a rule can evaluate, each with its own policy entrypoint. */
export const TARGET_KINDS = ['pipeline', 'repository', 'organization', 'agent'] as const;
/** What kind of thing a target is. */
export type TargetKind = (typeof TARGET_KINDS)[number];

/** The outcome of one rule on one target. */
export interface RuleOutcome {
  ruleId: string;
  /** The target's name: a file path for `check`; for a sweep e.g. `acme/api`, `buildkite:acme/deploy`, `github:acme`. */
  target: string;
  /** The target's kind (absent in `check` reports, where every target is a pipeline file). */
  kind?: TargetKind;
  /** The GitHub repository (`owner/name`) the target is or belongs to, when known. */
  repository?: string;
  /** The Buildkite pipeline slug the target is or belongs to, when known. */
  pipeline?: string;
  outcome: Outcome;
  /** Failing and waived findings (empty for pass / unknown / not_applicable). */
  findings: Finding[];
  /** Why the outcome is unknown or not applicable. */
  reason?: string;
}

/** Everything one run decided. */
export interface Report {
  tool: { name: 'kiteguard'; version: string };
  /** ISO timestamp of the run. */
  generatedAt: string;
  /** Targets evaluated, in input order (file paths for `check`). */
  targets: string[];
  /** The rules that were evaluated (enabled ones), with effective severity. */
  rules: RuleInfo[];
  outcomes: RuleOutcome[];
  /** Waivers past their expiry date: they no longer apply and are reported. */
  expiredWaivers: Waiver[];
  /** The `--fail-on` threshold in force. */
  failOn: Severity;
  /** What changed since a baseline report (sweep with `--baseline`, or `diff`). */
  drift?: Drift;
  /** Inline suppressions that waive nothing: unused, or without the reason they need. */
  suppressionNotices?: SuppressionNotice[];
  /** Inputs that could not be checked and data that was missing: part of the result, so no format reads as clean. */
  problems?: RunProblem[];
  /** The organizations the `organization` target covers (from the snapshot), so reports can name them. */
  organizations?: Organizations;
}

/** The GitHub organization and Buildkite organization slug a snapshot was collected from. */
export interface Organizations {
  github?: string;
  buildkite?: string;
}

/** An inline suppression (`# kiteguard: ignore[rule] reason`) that waives nothing, and why. */
export interface SuppressionNotice {
  location: Location;
  rules: string[];
  problem: 'unused' | 'no_reason';
}

/** Something that kept part of a run from being checked: `input` (an unreadable or invalid file), `incomplete` (data absent),
 * or `notice` (a file discovery passed over that holds nothing kiteguard could not see: a loop, a dangling link). */
export interface RunProblem {
  kind: 'input' | 'incomplete' | 'notice';
  /** True for a file discovery skipped (a link out of the repository, a loop, a dangling link): reported as "not checked". */
  skipped?: boolean;
  /** What went wrong and what was expected, without the location. */
  message: string;
  /** Where, when known (line and column 1-based). */
  location?: { file: string; line?: number; column?: number };
}

/** One (rule, target) pair whose outcome changed between two reports. */
export interface DriftChange {
  ruleId: string;
  target: string;
  before: Outcome | 'absent';
  after: Outcome | 'absent';
  /** The new outcome's first finding message or reason, when there is one. */
  detail?: string;
}

/** A setting behind a changed outcome that differs between two snapshots. */
export interface SettingChange {
  target: string;
  /** A sentence a person can act on, e.g. `branch protection removed on acme/api`. */
  summary: string;
}

/** What changed between a baseline and the current report. */
export interface Drift {
  /** When the baseline was generated. */
  baselineGeneratedAt: string;
  newFailures: DriftChange[];
  resolvedFailures: DriftChange[];
  newlyUnknown: DriftChange[];
  /** Waivers that applied in the baseline and have expired since. */
  expiredWaivers: Waiver[];
  settingChanges: SettingChange[];
}
