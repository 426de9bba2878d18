// The one module that decides exit codes: every command hands its result here, as conftest's
// `CheckResults.ExitCode()` does. Formatters and use cases never choose one.
import { isBlocking } from '../model/blocking.js';
import type { Drift, Report } from '../model/report.js';

/** Exit codes: 0 clean, 1 blocking findings (blast-radius: nothing matched), 2 usage / config / input error, 3 snapshot incomplete or empty. */
export const EXIT = { ok: 0, findings: 1, usage: 2, incomplete: 3 } as const;

/** What a command ended with, as far as its exit code goes. */
export type CommandResult =
  /** `check`, `evaluate`, `sweep`: a report, the `--fail-on-unknown` choice, and how many inputs could not be read. */
  | { kind: 'report'; report: Report; failOnUnknown: boolean; unreadableInputs?: number }
  /** `collect`: the sections that could not be read. */
  | { kind: 'collection'; incomplete: string[] }
  /** `diff`: what changed between two sweeps. */
  | { kind: 'drift'; drift: Drift }
  /** `blast-radius`: whether the query matched anything. */
  | { kind: 'blast-radius'; matched: boolean }
  /** `policy test`: whether every test passed (1 when one failed). */
  | { kind: 'tests'; passed: boolean }
  /** A command that only writes (`merge`, `rules`, `normalize`), or an error (exit 2). */
  | { kind: 'done' }
  | { kind: 'error' };

/** The exit code of a result. */
export function exitCode(result: CommandResult): number {
  switch (result.kind) {
    case 'report': {
      const { report } = result;
      if (result.unreadableInputs || report.problems?.some((p) => p.kind === 'input')) return EXIT.usage;
      if (report.problems?.some((p) => p.kind === 'incomplete')) return EXIT.incomplete;
      const blocking = report.outcomes.some((o) => o.findings.some((f) => isBlocking(f, report.failOn)));
      const unknown = result.failOnUnknown && report.outcomes.some((o) => o.outcome === 'unknown');
      return blocking || unknown ? EXIT.findings : EXIT.ok;
    }
    case 'collection':
      return result.incomplete.length > 0 ? EXIT.incomplete : EXIT.ok;
    case 'drift':
      return result.drift.newFailures.length > 0 ? EXIT.findings : EXIT.ok;
    case 'blast-radius':
      return result.matched ? EXIT.ok : EXIT.findings;
    case 'tests':
      return result.passed ? EXIT.ok : EXIT.findings;
    case 'done':
      return EXIT.ok;
    case 'error':
      return EXIT.usage;
  }
}
