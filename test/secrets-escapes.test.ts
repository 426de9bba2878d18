// Credentials in API URLs are refused without being echoed; blast-radius text shows control characters from
// snapshot data as escapes; --timeout is range checked.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, runCli } from './helpers.js';

describe('API URLs with credentials', () => {
  test.each([
    ['--github-api-url', ['--github-org', 'acme'], { GITHUB_TOKEN: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' }],
    ['--buildkite-api-url', ['--buildkite-org', 'acme'], { BUILDKITE_API_TOKEN: 'bkua_0123456789abcdef0123456789abcdef01234567' }],
    ['--buildkite-graphql-url', ['--buildkite-org', 'acme'], { BUILDKITE_API_TOKEN: 'bkua_0123456789abcdef0123456789abcdef01234567' }],
  ])('%s https://user:SECRET@host is a usage error that does not echo the secret', async (flag, org, env) => {
    const r = await runCli(['collect', ...org, flag, 'https://user:S3CRETVALUE@api.example.com', '-q'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${flag}: the URL carries credentials`);
    expect(r.stderr + r.stdout).not.toContain('S3CRETVALUE');
    expect(r.stderr).not.toContain('https://user');
  });

  test('a token in the query string is refused the same way', async () => {
    const r = await runCli(['collect', '--github-org', 'acme', '--github-api-url', 'https://ghe.example.com/api/v3?access_token=S3CRETVALUE', '-q'], { env: { GITHUB_TOKEN: 'ghp_x' } });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('S3CRETVALUE');
  });
});

describe('--timeout', () => {
  test.each(['2147484', '0', '1.5', 'abc'])('%s is a usage error, not a silent 1 ms', async (value) => {
    const r = await runCli(['collect', '--github-org', 'acme', '--timeout', value, '-q'], { env: { GITHUB_TOKEN: 'ghp_x' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--timeout ${value}: expected a positive whole number up to 3600`);
  });
});

test('blast-radius text shows terminal escapes and line breaks from snapshot data as escapes', async () => {
  const snapshot = JSON.parse(readFileSync(join(ROOT, 'fixtures/estate/snapshot.json'), 'utf8'));
  const docs = snapshot.buildkite.pipelines.data.find((p: { slug: string }) => p.slug === 'docs-site');
  docs.repository = 'git@gitlab.com:acme/docs\u001b[2J\u001b]8;;https://evil.example\u0007link\nrm -rf ~.git';
  const dir = mkdtempSync(join(tmpdir(), 'kg-blast-esc-'));
  writeFileSync(join(dir, 'snapshot.json'), JSON.stringify(snapshot));
  const r = await runCli(['blast-radius', '--snapshot', join(dir, 'snapshot.json'), '--env', 'AWS_ACCESS_KEY_ID'], { cwd: dir });
  expect(r.stdout).not.toContain('\u001b');
  expect(r.stdout).not.toContain('\u0007');
  expect(r.stdout).toContain('docs\\x1B[2J\\x1B]8;;https://evil.example\\x07link\\nrm -rf ~.git');
  expect(r.stdout.split('\n').some((l) => l.startsWith('rm -rf'))).toBe(false);
});
