// The sweep: collect the snapshot, evaluate it, and write snapshot, results, HTML report and
// Markdown summary into one directory. Loaded on first use.
import { mkdirSync } from 'node:fs';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, writeFileSafely } from '../files.js';
import { join } from 'node:path';
import { jsonDocument } from '../report/json.js';
import { formatMarkdownSummary } from '../report/markdown-summary.js';
import type { Report, Severity } from '../model/report.js';
import { countReport } from '../report/summary.js';
import { writeSnapshot } from '../snapshot/io.js';
import { writeJsonFile } from '../snapshot/json-writer.js';
import { collectJournaled, collectSummary, maskedStderr, type CollectRequest } from './collect.js';
import { withCollectionLock } from './collect-lock.js';
import { evaluateSnapshot } from './evaluate.js';
import type { Output, ProgressFactory } from './output.js';

/** What a sweep needs. */
export interface SweepRequest {
  collect: CollectRequest;
  out: string;
  cwd: string;
  now: Date;
  configPath?: string;
  failOn?: Severity;
  baseline?: string;
}

/** Runs a sweep and returns its report (the caller turns it into an exit code); it holds the snapshot's lock throughout, so an overlapping sweep of the same `--out` stops. */
export async function runSweep(req: SweepRequest, output: Output, progressOn: ProgressFactory): Promise<Report> {
  const say = maskedStderr(req.collect, output);
  mkdirSync(req.out, { recursive: true, mode: PRIVATE_DIR_MODE });
  const snapshotFile = join(req.out, 'snapshot.json');
  return withCollectionLock(snapshotFile, req.collect.quiet ? undefined : say, async (lock) => {
    const collected = await collectJournaled(req.collect, lock, snapshotFile, output, progressOn, (c) => {
      writeSnapshot(snapshotFile, c.snapshot);
      if (!req.collect.quiet) say(collectSummary(c, snapshotFile));
    });
    const report = await evaluateSnapshot({
      snapshot: collected.snapshot,
      cwd: req.cwd,
      now: req.now,
      ...(req.configPath ? { configPath: req.configPath } : {}),
      ...(req.failOn ? { failOn: req.failOn } : {}),
      ...(req.collect.shard ? { shard: req.collect.shard } : {}),
      ...(req.baseline ? { baseline: req.baseline } : {}),
    });
    const { renderHtml } = await import('../report/html/index.js');
    writeJsonFile(join(req.out, 'results.json'), jsonDocument(report), PRIVATE_FILE_MODE);
    writeFileSafely(join(req.out, 'report.html'), renderHtml(report), PRIVATE_FILE_MODE);
    writeFileSafely(join(req.out, 'summary.md'), formatMarkdownSummary(report), PRIVATE_FILE_MODE);
    if (!req.collect.quiet) {
      const c = countReport(report);
      say(`evaluated ${c.targets} targets: ${c.failing} failing findings (${c.blocking} at or above ${report.failOn}); wrote ${join(req.out, 'report.html')}\n`);
    }
    return report;
  });
}
