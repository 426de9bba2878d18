// Discovery follows symbolic links inside the repository, notices loops, says what it skipped and why; named FIFOs
// and process substitutions are readable inputs; inputs are read bounded and as strict UTF-8.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { discoverPipelineFiles, type SkippedFile } from '../src/targets/discover.js';
import { renderHtml } from '../src/report/html/index.js';
import { formatMarkdownSummary } from '../src/report/markdown-summary.js';
import { reportFromJson } from '../src/report/read-json.js';
import { ROOT, runCli } from './helpers.js';

const INSECURE = readFileSync(join(ROOT, 'fixtures/pipelines/insecure.yml'), 'utf8');
const CLEAN = 'steps:\n  - command: make\n    timeout_in_minutes: 10\n    agents: { queue: builders }\n';

function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kg-disc-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, '.buildkite'));
  mkdirSync(join(dir, 'ci'));
  return dir;
}

describe('symbolic links under .buildkite/', () => {
  test('a linked file and a linked folder inside the repository are checked', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'ci', 'pipeline.yml'), INSECURE);
    mkdirSync(join(dir, 'ci', 'more'));
    writeFileSync(join(dir, 'ci', 'more', 'deploy.yml'), INSECURE);
    symlinkSync('../ci/pipeline.yml', join(dir, '.buildkite', 'pipeline.yml'));
    symlinkSync('../ci/more', join(dir, '.buildkite', 'more'));
    writeFileSync(join(dir, '.buildkite', 'clean.yml'), CLEAN);
    const r = await runCli(['check', '-f', 'json'], { cwd: dir });
    expect(JSON.parse(r.stdout).targets).toEqual(['.buildkite/clean.yml', '.buildkite/more/deploy.yml', '.buildkite/pipeline.yml']);
    expect(r.code).toBe(1);
  });

  test('a loop, a link out of the repository, a dangling link and a second path to a file are skipped with why', () => {
    const dir = repo();
    const outside = mkdtempSync(join(tmpdir(), 'kg-outside-'));
    writeFileSync(join(outside, 'x.yml'), CLEAN);
    writeFileSync(join(dir, '.buildkite', 'a.yml'), CLEAN);
    symlinkSync('a.yml', join(dir, '.buildkite', 'b.yml'));
    symlinkSync('..', join(dir, '.buildkite', 'up'));
    symlinkSync(join(outside, 'x.yml'), join(dir, '.buildkite', 'out.yml'));
    symlinkSync(outside, join(dir, '.buildkite', 'outdir'));
    symlinkSync('nowhere.yml', join(dir, '.buildkite', 'gone.yml'));
    const skipped: SkippedFile[] = [];
    const files = discoverPipelineFiles([], dir, skipped);
    expect(files.map((f) => f.name)).toEqual(['.buildkite/a.yml']);
    const why = Object.fromEntries(skipped.map((s) => [s.name, s.reason]));
    expect(why['.buildkite/b.yml']).toBe('the same file as .buildkite/a.yml');
    expect(why['.buildkite/gone.yml']).toBe('a symbolic link to nothing');
    expect(why['.buildkite/out.yml']).toMatch(/outside the repository$/);
    expect(why['.buildkite/outdir']).toMatch(/outside the repository$/);
    expect(why['.buildkite/up/.buildkite']).toBe('a symbolic link loop');
  });

  test('check says on stderr which files it skipped', async () => {
    const dir = repo();
    writeFileSync(join(dir, '.buildkite', 'a.yml'), CLEAN);
    symlinkSync('nowhere.yml', join(dir, '.buildkite', 'gone.yml'));
    const r = await runCli(['check'], { cwd: dir });
    expect(r.stderr).toContain('kiteguard: skipped .buildkite/gone.yml: a symbolic link to nothing');
  });

  describe('skipped files are part of the result in every format', () => {
    function skippingRepo(): { dir: string; outside: string } {
      const dir = repo();
      const outside = mkdtempSync(join(tmpdir(), 'kg-outside-'));
      writeFileSync(join(outside, 'x.yml'), INSECURE);
      writeFileSync(join(dir, '.buildkite', 'a.yml'), CLEAN);
      symlinkSync(join(outside, 'x.yml'), join(dir, '.buildkite', 'out.yml'));
      symlinkSync('nowhere.yml', join(dir, '.buildkite', 'gone.yml'));
      return { dir, outside };
    }

    test('JSON: a link out of the repository is incomplete data (exit 3), a dangling link a notice', async () => {
      const { dir, outside } = skippingRepo();
      const r = await runCli(['check', '-f', 'json'], { cwd: dir });
      expect(JSON.parse(r.stdout).errors).toEqual([
        { kind: 'incomplete', skipped: true, message: `a symbolic link to ${realpathSync(outside)}/x.yml, outside the repository`, location: { file: '.buildkite/out.yml', line: null, column: null } },
        { kind: 'notice', skipped: true, message: 'a symbolic link to nothing', location: { file: '.buildkite/gone.yml', line: null, column: null } },
      ]);
      expect(r.code).toBe(3);
    });

    test('a dangling link alone is a notice: shown, but the exit code stays that of the findings', async () => {
      const dir = repo();
      writeFileSync(join(dir, '.buildkite', 'a.yml'), CLEAN);
      symlinkSync('nowhere.yml', join(dir, '.buildkite', 'gone.yml'));
      const r = await runCli(['check'], { cwd: dir });
      expect(r.stdout).toContain('not checked: .buildkite/gone.yml — a symbolic link to nothing');
      // Nothing was hidden: the notice has its own heading, not "Could not check:".
      expect(r.stdout).toMatch(/^Notices:$/m);
      expect(r.stdout).not.toContain('Could not check:');
      expect(r.code).toBe(0);
    });

    test.each(['text', 'buildkite', 'github'] as const)('%s says "not checked: <path> — <reason>"', async (format) => {
      const { dir } = skippingRepo();
      const r = await runCli(['check', '-f', format], { cwd: dir });
      if (format === 'github') {
        expect(r.stdout).toContain('::warning file=.buildkite/out.yml,title=not checked::a symbolic link to');
        expect(r.stdout).toContain('::warning file=.buildkite/gone.yml,title=not checked::a symbolic link to nothing');
      } else {
        expect(r.stdout).toMatch(/not checked: `?\.buildkite\/out\.yml — a symbolic link to \S+, outside the repository/);
        expect(r.stdout).toMatch(/not checked: `?\.buildkite\/gone\.yml — a symbolic link to nothing/);
      }
    });

    test('SARIF: warning-level tool notifications with the file as location; the run did not succeed', async () => {
      const { dir } = skippingRepo();
      const sarif = JSON.parse((await runCli(['check', '-f', 'sarif'], { cwd: dir })).stdout);
      const invocation = sarif.runs[0].invocations[0];
      const notes = invocation.toolExecutionNotifications.filter((n: { message: { text: string } }) => n.message.text.startsWith('not checked: '));
      expect(notes.map((n: { level: string; locations: [{ physicalLocation: { artifactLocation: { uri: string } } }] }) => [n.level, n.locations[0].physicalLocation.artifactLocation.uri])).toEqual([
        ['warning', '.buildkite/out.yml'],
        ['warning', '.buildkite/gone.yml'],
      ]);
      expect(invocation.executionSuccessful).toBe(false);
    });

    test('JUnit: the link out is an error, the dangling link skipped', async () => {
      const { dir } = skippingRepo();
      const xml = (await runCli(['check', '-f', 'junit'], { cwd: dir })).stdout;
      expect(xml).toMatch(/<testcase classname="\.buildkite\/out\.yml" name="not checked"[^>]*>\s*<error message="\.buildkite\/out\.yml — a symbolic link to [^"]+, outside the repository" type="incomplete"\/>/);
      expect(xml).toContain('<skipped message="not checked: .buildkite/gone.yml — a symbolic link to nothing"/>');
    });

    test('Markdown summary and HTML report, from the results file', async () => {
      const { dir } = skippingRepo();
      const report = reportFromJson(JSON.parse((await runCli(['check', '-f', 'json'], { cwd: dir })).stdout), []);
      for (const out of [formatMarkdownSummary(report), renderHtml(report)]) {
        expect(out).toMatch(/not checked(<\/strong>)?: `?\.buildkite\/out\.yml — a symbolic link to/);
        expect(out).toMatch(/not checked(<\/strong>)?: `?\.buildkite\/gone\.yml — a symbolic link to nothing/);
      }
      expect(formatMarkdownSummary(report)).toContain('incomplete (1 input not checked)');
    });
  });

  test('an unreadable folder is an input error naming it, not an internal error', async () => {
    const dir = repo();
    mkdirSync(join(dir, '.buildkite', 'locked'));
    chmodSync(join(dir, '.buildkite', 'locked'), 0);
    // root reads any folder, so as root the check runs as the unprivileged user `nobody`.
    const asRoot = process.getuid?.() === 0;
    // Every folder down to it must let `nobody` through, the test run's own TMPDIR (0700) included; one that already
    // does (the system's /tmp) is left as it is.
    if (asRoot) for (let d = dir; d !== dirname(d); d = dirname(d)) if (d.startsWith(tmpdir()) && (statSync(d).mode & 0o005) !== 0o005) chmodSync(d, 0o755);
    const r = asRoot
      ? (({ status, stderr }) => ({ code: status, stderr }))(spawnSync(process.execPath, [join(ROOT, 'bin/kiteguard.js'), 'check'], { cwd: dir, uid: 65534, gid: 65534, encoding: 'utf8' }))
      : await runCli(['check'], { cwd: dir });
    chmodSync(join(dir, '.buildkite', 'locked'), 0o755);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.buildkite/locked: cannot read the folder');
  });
});

describe('inputs that are not regular files', () => {
  test('a named FIFO is read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-fifo-'));
    const fifo = join(dir, 'pipe.yml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // The writer feeds the FIFO on its own: reading it blocks this thread until the data comes.
    spawn('sh', ['-c', `cat '${join(ROOT, 'fixtures/pipelines/insecure.yml')}' > '${fifo}'`], { stdio: 'ignore' });
    const r = await runCli(['check', 'pipe.yml', '-f', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).summary.findings.failing).toBeGreaterThan(0);
  });

  test('<(…) and /dev/stdin through the real binary', () => {
    const bin = join(ROOT, 'bin/kiteguard.js');
    const file = join(ROOT, 'fixtures/pipelines/insecure.yml');
    for (const cmd of [`node ${bin} check <(cat ${file})`, `node ${bin} check /dev/stdin < ${file}`]) {
      const run = spawnSync('bash', ['-c', cmd], { encoding: 'utf8' });
      expect(run.stderr).not.toContain('no such file');
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('1 file checked');
    }
  });
});

test('invalid UTF-8 is an input error at its line and column', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kg-utf8-'));
  writeFileSync(join(dir, 'p.yml'), Buffer.concat([Buffer.from('steps:\n  - command: "ok '), Buffer.from([0xff]), Buffer.from('"\n')]));
  const r = await runCli(['check', 'p.yml'], { cwd: dir });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('p.yml:2:18: invalid UTF-8 (byte 0xFF at offset 24); expected UTF-8 text');
});

describe('an unclosed flow collection is reported where it opens, not past the end of the file', () => {
  test.each([
    ['steps:\n  - label: x\n    command: [echo, hi\n', 'p.yml:3:14: unclosed flow sequence; expected a closing `]`'],
    ['steps:\n  - label: x\n    env: {A: b\n', 'p.yml:3:10: unclosed flow mapping; expected a closing `}`'],
    ['steps:\n  - label: x\n    command: "echo hi\n', 'p.yml:3:14: unclosed double-quoted string; expected a closing `"`'],
  ])('%j', async (yaml, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-open-'));
    writeFileSync(join(dir, 'p.yml'), yaml);
    const r = await runCli(['check', 'p.yml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
