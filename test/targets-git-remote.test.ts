// The repository a checked file belongs to comes from its git checkout's `origin` (worktrees too), without
// credentials; `check` hands it to the rules, so the organization's own plugins are told from others'.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { originUrlOf } from '../src/targets/git-remote.js';
import { runCli } from './helpers.js';

function checkout(url: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiteguard-git-'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git/config'), `[core]\n\tbare = false\n[remote "upstream"]\n\turl = git@github.com:other/x.git\n[remote "origin"]\n\turl = ${url}\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n`);
  mkdirSync(join(dir, '.buildkite'));
  return dir;
}

describe('originUrlOf', () => {
  it('reads the origin of the checkout holding a file, without credentials', () => {
    const dir = checkout('https://x-access-token:ghs_secret@github.com/acme/api.git');
    writeFileSync(join(dir, '.buildkite/pipeline.yml'), 'steps: []\n');
    expect(originUrlOf(join(dir, '.buildkite/pipeline.yml'))).toBe('https://github.com/acme/api.git');
    expect(originUrlOf(join(dir, '.buildkite'))).toBe('https://github.com/acme/api.git');
  });

  it('follows the .git file of a worktree to the common config', () => {
    const main = checkout('git@github.com:acme/api.git');
    mkdirSync(join(main, '.git/worktrees/wt'), { recursive: true });
    writeFileSync(join(main, '.git/worktrees/wt/commondir'), '../..\n');
    const wt = mkdtempSync(join(tmpdir(), 'kiteguard-wt-'));
    writeFileSync(join(wt, '.git'), `gitdir: ${join(main, '.git/worktrees/wt')}\n`);
    expect(originUrlOf(wt)).toBe('git@github.com:acme/api.git');
  });

  it('is undefined outside a checkout or without an origin', () => {
    expect(originUrlOf(mkdtempSync(join(tmpdir(), 'kiteguard-none-')))).toBeUndefined();
  });
});

describe('check with the repository known', () => {
  const pipeline = [
    'steps:',
    '  - command: make',
    '    plugins:',
    '      - acme/vault-env#v1.0.0:',
    '          secrets: [DEPLOY_TOKEN]',
    '      - someone/vault-env#v1.0.0:',
    '          secrets: [DEPLOY_TOKEN]',
    '',
  ].join('\n');

  it("allows the repository owner's plugins and reports another owner's handed a secret", async () => {
    const dir = checkout('git@github.com:acme/api.git');
    writeFileSync(join(dir, '.buildkite/pipeline.yml'), pipeline);
    const r = await runCli(['check', '.buildkite/pipeline.yml', '--format', 'json'], { cwd: dir });
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; location: { line: number } }> }).findings;
    expect(findings.filter((f) => f.ruleId === 'pipeline/plugin_source_not_allowed').map((f) => f.location.line)).toEqual([6]);
  });
});
