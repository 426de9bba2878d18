// Snapshots are masked by credential shape as they are written: no token, JWT or private key leaves in
// one, yet `pipeline/hardcoded_secret` finds each of them at the same line and column as `check` does on
// the raw YAML, because the mask keeps every credential's kind, length and place.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskCredentialShapes } from '../src/redact.js';
import { runCli } from './helpers.js';
import { fixtureOrg, fixtureTokens, startGithubSim, TOKENS, type GithubSim } from './sim/github/index.js';

const PAT = 'ghp_R7dQ2mVx9LkP4sTz8NbW3cYh6JfE1gUa5oXi';
const FINE_GRAINED = 'github_pat_11ABCDEFG0aB3dE5gH7jK9_mN1pQ3rS5tU7vW9xY1zA3bC5dE7fG9hJ1kL3mN5pQ7rS9tU1vW3';
const BUILDKITE = 'bkua_4f8c2a9e7b1d6f3a0c5e8b2d7f4a1c9e6b3d0f7a';
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkZXBsb3kiLCJpYXQiOjE3MDAwMDAwMDB9.Qm9ndXNTaWduYXR1cmVWYWx1ZUhlcmU4OA';
const KEY_BODY = 'MIIEowIBAAKCAQEAq7Jm3nT9vLp2Xw8Rk5ZyHc4QfGd1sBa6Ue0Ni7Oj3Mh9Pl2Kg';
const PIPELINE = [
  'steps:',
  '  - label: deploy',
  `    command: 'curl -H "Authorization: token ${PAT}" https://api.github.com/user'`,
  '    env:',
  `      RELEASE_TOKEN: ${FINE_GRAINED}`,
  `      AGENT_CREDENTIAL: ${BUILDKITE}`,
  `  - command: ./notify --jwt ${JWT}`,
  '  - command: |',
  '      cat > key.pem <<EOF',
  '      -----BEGIN RSA PRIVATE KEY-----',
  `      ${KEY_BODY}`,
  '      -----END RSA PRIVATE KEY-----',
  '      EOF',
  '',
].join('\n');
const SECRETS = [PAT, FINE_GRAINED, BUILDKITE, JWT, KEY_BODY];

describe('maskCredentialShapes', () => {
  it.each(SECRETS.slice(0, 4))('keeps the kind, length and punctuation of %s but none of its secret', (token) => {
    const masked = maskCredentialShapes(`x ${token} y`);
    expect(masked).toHaveLength(token.length + 4);
    expect(masked).not.toContain(token.slice(12, 24));
    expect(masked.slice(2, 5)).toBe(token.slice(0, 3));
    expect(masked.replace(/[A-Za-z0-9]/g, '')).toBe(`x ${token} y`.replace(/[A-Za-z0-9]/g, ''));
  });

  it('masks a private key body and keeps its BEGIN and END lines and its line breaks', () => {
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${KEY_BODY}\n-----END RSA PRIVATE KEY-----`;
    const masked = maskCredentialShapes(pem);
    expect(masked.split('\n').map((l) => l.length)).toEqual(pem.split('\n').map((l) => l.length));
    expect(masked).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\nKgMasked/);
    expect(masked).not.toContain(KEY_BODY.slice(0, 12));
  });

  it('leaves text without credentials alone', () => {
    expect(maskCredentialShapes('bkpt_name and gh_pages and eyJ')).toBe('bkpt_name and gh_pages and eyJ');
  });
});

describe('a snapshot collected from the simulator', () => {
  let sim: GithubSim;
  const work = mkdtempSync(join(tmpdir(), 'kiteguard-mask-'));
  const snapshotFile = join(work, 'snapshot.json');

  beforeAll(async () => {
    const org = fixtureOrg();
    org.repos[0]!.files = { '.buildkite/pipeline.yml': PIPELINE };
    sim = await startGithubSim({ org, tokens: fixtureTokens() });
    const r = await runCli(['collect', '--repo', `acme/${org.repos[0]!.name}`, '--github-api-url', sim.url, '-o', snapshotFile], { env: { GITHUB_TOKEN: TOKENS.owner } });
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => sim.close());

  it('holds none of the secrets of the pipeline YAML it carries', () => {
    const text = readFileSync(snapshotFile, 'utf8');
    expect(text).toContain('.buildkite/pipeline.yml');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    for (const secret of SECRETS) expect(text).not.toContain(secret.slice(-16));
  });

  it('evaluate still finds every hardcoded secret where check finds it in the raw YAML', async () => {
    const repo = join(work, 'repo');
    mkdirSync(join(repo, '.buildkite'), { recursive: true });
    mkdirSync(join(repo, '.git'));
    writeFileSync(join(repo, '.buildkite', 'pipeline.yml'), PIPELINE);
    const secretsOf = (stdout: string) =>
      (JSON.parse(stdout) as { findings: { ruleId: string; message: string; evidence?: unknown; location: { file: string; line: number; column: number } }[] }).findings
        .filter((f) => f.ruleId === 'pipeline/hardcoded_secret')
        .map((f) => ({ at: `${f.location.file.replace(/^.*\.buildkite\//, '')}:${f.location.line}:${f.location.column}`, what: f.message.replace(/ in .*$/, ''), evidence: f.evidence }))
        .sort((a, b) => a.at.localeCompare(b.at));
    const raw = secretsOf((await runCli(['check', '-f', 'json'], { cwd: repo })).stdout);
    const masked = secretsOf((await runCli(['evaluate', snapshotFile, '-f', 'json'])).stdout);
    expect(raw.map((f) => f.what).sort()).toEqual(['GitHub fine-grained token hardcoded', 'GitHub token hardcoded', 'JSON Web Token hardcoded', 'Buildkite token hardcoded', 'private key hardcoded'].sort());
    expect(masked).toEqual(raw);
  });
});
