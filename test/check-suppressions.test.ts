// Inline suppressions: `# kiteguard: ignore[rule] reason` on a finding's line or alone on the line above waives
// it (shown as waived, SARIF `inSource` with the reason); one without a reason, or that matches nothing, is reported.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineSuppressions } from '../src/pipeline/suppressions.js';
import { runCli } from './helpers.js';

const PIPELINE = [
  'steps:',
  '  - command: make test',
  '    timeout_in_minutes: 5',
  '    agents: {queue: ci}',
  '    plugins:',
  '      # kiteguard: ignore[pipeline/plugin_not_pinned, pipeline/image_not_pinned] vendored, reviewed in PLAT-12',
  '      - docker:',
  '          image: node:20 # kiteguard: ignore[pipeline/image_not_pinned] base image pinned by the registry mirror',
  '      - docker-compose#main: # kiteguard: ignore[pipeline/plugin_not_pinned]',
  '          run: app',
  '  - command: make # kiteguard: ignore[pipeline/privileged_container] never privileged',
  '    timeout_in_minutes: 5',
  '    agents: {queue: ci}',
  '',
].join('\n');

async function check(format: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kiteguard-suppress-'));
  writeFileSync(join(dir, 'pipeline.yml'), PIPELINE);
  return (await runCli(['check', 'pipeline.yml', '--format', format], { cwd: dir })).stdout;
}

describe('inline suppressions', () => {
  it('reads the rules, the reason and whether the comment stands alone', () => {
    expect(inlineSuppressions(PIPELINE).map((s) => [s.line, s.column, s.rules, s.reason, s.ownLine])).toEqual([
      [6, 7, ['pipeline/plugin_not_pinned', 'pipeline/image_not_pinned'], 'vendored, reviewed in PLAT-12', true],
      [8, 26, ['pipeline/image_not_pinned'], 'base image pinned by the registry mirror', false],
      [9, 30, ['pipeline/plugin_not_pinned'], '', false],
      [11, 19, ['pipeline/privileged_container'], 'never privileged', false],
    ]);
    expect(inlineSuppressions("steps:\n  - command: echo '#kiteguard: ignore[x] y'\n")).toEqual([]);
  });

  it('waives the findings they name on their line or the next, with the reason', async () => {
    const doc = JSON.parse(await check('json')) as { findings: Array<{ ruleId: string; location: { line: number }; waiver: { reason: string; inline?: boolean } | null }> };
    const at = (rule: string, line: number) => doc.findings.find((f) => f.ruleId === rule && f.location.line === line);
    expect(at('pipeline/plugin_not_pinned', 7)?.waiver).toMatchObject({ reason: 'vendored, reviewed in PLAT-12', inline: true });
    expect(at('pipeline/image_not_pinned', 8)?.waiver).toMatchObject({ reason: 'base image pinned by the registry mirror', inline: true });
    expect(at('pipeline/plugin_not_pinned', 9)?.waiver).toBeNull();
  });

  it('reports suppressions without a reason and those that waive nothing', async () => {
    const text = await check('text');
    expect(text).toContain('pipeline.yml:9:30  suppression of pipeline/plugin_not_pinned has no reason, so it waives nothing');
    expect(text).toContain('pipeline.yml:11:19  suppression of pipeline/privileged_container waives nothing');
    expect(text).not.toContain('pipeline.yml:6:7  suppression');
  });

  it('is an in-source suppression with its justification in SARIF', async () => {
    const sarif = JSON.parse(await check('sarif')) as { runs: Array<{ results: Array<{ ruleId: string; suppressions?: Array<{ kind: string; justification: string }> }>; invocations: Array<{ toolExecutionNotifications?: Array<{ message: { text: string } }> }> }> };
    const run = sarif.runs[0]!;
    expect(run.results.find((r) => r.ruleId === 'pipeline/image_not_pinned')?.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'base image pinned by the registry mirror' }]);
    expect(run.invocations[0]?.toolExecutionNotifications?.some((n) => n.message.text.includes('has no reason'))).toBe(true);
  });
});
