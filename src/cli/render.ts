// The formatter registry: picks the formatter for `--format`, and annotates the Buildkite build when asked for `buildkite`.
import type { Report } from '../model/report.js';
import { formatText } from '../report/text.js';
import { formatJson } from '../report/json.js';
import { formatSarif, type SarifOptions } from '../report/sarif.js';
import { formatJunit } from '../report/junit.js';
import { formatGithub } from '../report/github.js';
import { formatBuildkite, annotationStyle } from '../report/buildkite.js';
import { annotate } from '../report/annotate.js';
import { formatMarkdownSummary } from '../report/markdown-summary.js';
import { lineHashReader, relativeTo, sarifRoot } from '../app/sources.js';

/** The output formats of `check`. */
export const FORMATS = ['text', 'json', 'sarif', 'junit', 'buildkite', 'github'] as const;
/** One output format of `check`. */
export type Format = (typeof FORMATS)[number];
/** Every format a report can be rendered in: `check`'s, plus the sweep's Markdown summary and HTML report. */
export const REPORT_FORMATS = [...FORMATS, 'markdown', 'html'] as const;
/** One report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Options that only some formats use. */
export interface RenderOptions {
  color: boolean;
  showWaived: boolean;
  env: Record<string, string | undefined>;
  warn: (message: string) => void;
  /** SARIF for GitHub code scanning: category, line hashes, URIs from the repository root. */
  sarif?: SarifOptions;
}

/** Formats the report; for `buildkite` inside a Buildkite job it also calls `buildkite-agent annotate`. */
export async function render(report: Report, format: ReportFormat, opts: RenderOptions): Promise<string> {
  switch (format) {
    case 'markdown':
      return formatMarkdownSummary(report);
    case 'html': {
      // Loaded on first use, so commands that never write HTML do not parse it at start-up.
      const { renderHtml } = await import('../report/html/index.js');
      return renderHtml(report);
    }
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, opts.sarif);
    case 'junit':
      return formatJunit(report);
    case 'github':
      return formatGithub(report);
    case 'buildkite': {
      const markdown = formatBuildkite(report);
      const result = await annotate(markdown, annotationStyle(report), { context: 'kiteguard', env: opts.env });
      if (result.warning) opts.warn(result.warning);
      return markdown;
    }
    default:
      return formatText(report, { color: opts.color, showWaived: opts.showWaived });
  }
}

/** SARIF options for a command: its category, and line hashes and URIs read from the files under the repository root. */
export function sarifOptions(command: 'check' | 'check-agent' | 'evaluate', cwd: string, root?: string): SarifOptions {
  return { category: `kiteguard/${command}`, lineHash: lineHashReader(cwd), relativeUri: relativeTo(sarifRoot(cwd, root), cwd) };
}
