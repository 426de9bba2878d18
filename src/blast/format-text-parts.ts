// Pieces the text sections share: headings with counts, pipeline and reference lines, the audience.
import type { Audience, PipelineSummary, Reference } from './model.js';

/** A section: a blank line, its heading with a count, its indented lines. */
export function section(heading: string, items: string[][]): string[] {
  return ['', `${heading}: ${items.length}`, ...items.flat()];
}

/** How a pipeline is named in a heading line. */
export function pipelineLine(p: PipelineSummary): string {
  return `  ${p.slug} (${p.cluster === null ? 'no cluster' : `cluster ${p.cluster}`}, ${p.repository}, ${p.visibility})`;
}

/** Which branches the pipeline builds, from its branch filter. */
export function buildsBranches(p: PipelineSummary): string {
  return p.branch_configuration === null ? 'builds every branch' : `builds branches ${p.branch_configuration}`;
}

/** One reference line, `file:line  detail`. */
export function referenceLine(r: Reference): string {
  return `    ${r.file}${r.line === null ? '' : `:${r.line}`}  ${r.detail}`;
}

/** Who can see or run the pipelines: teams, admins, public pipelines. */
export function audienceText(a: Audience, heading = 'Who can see or run these pipelines'): string[] {
  const lines = a.teams.map((t) => {
    const members = t.members === null ? 'members not visible' : `${t.members} member${t.members === 1 ? '' : 's'}`;
    const reach = t.pipelines.map((p) => `${p.can} ${p.pipeline} (${p.access_level})`).join(', ');
    return `  team ${t.team} (${members}): ${reach}`;
  });
  if (lines.length === 0) lines.push('  no team has access to them');
  lines.push(`  organization admins: ${a.admins === null ? 'not visible' : a.admins} (see and run every pipeline)`);
  if (a.public_pipelines.length > 0) lines.push(`  public pipelines (anyone can read their builds and logs): ${a.public_pipelines.join(', ')}`);
  return ['', heading, ...lines];
}
