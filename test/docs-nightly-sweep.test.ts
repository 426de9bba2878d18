// Every YAML block of docs/nightly-sweep.md is checked, so the page cannot rot: Buildkite pipelines against
// Buildkite's pipeline schema (test/schemas: schema.json of github.com/buildkite/pipeline-schema at 829d2f7c) and through `kiteguard
// check` with nothing to block; the pre-commit config against the hooks kiteguard publishes; the .kiteguard.yml
// by running `check` with it against a bundle signed the way the page's signing step signs it, served over HTTP.
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import schema from './schemas/buildkite-pipeline.schema.json' with { type: 'json' };
import { ecKeyFiles, OPA, ROOT, runCli } from './helpers.js';

const DOC = readFileSync(join(ROOT, 'docs/nightly-sweep.md'), 'utf8');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const KINDS = ['buildkite-pipeline', 'kiteguard-config', 'pre-commit'] as const;
const blocks = [...DOC.matchAll(/(?:<!-- checked: ([a-z-]+) -->\n)?```yaml\n([\s\S]*?)```/g)].map((m) => ({ kind: m[1], text: m[2] as string }));
const of = (kind: string) => blocks.filter((b) => b.kind === kind).map((b) => b.text);
const work = mkdtempSync(join(tmpdir(), 'kiteguard-doc-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// The schema's `fileMatch` is not a JSON Schema keyword.
const validate = new (Ajv as unknown as typeof Ajv.default)({ strict: false, allErrors: true }).compile(schema);

describe('docs/nightly-sweep.md', () => {
  it('marks every YAML block with what checks it', () => {
    expect(blocks.length).toBe(5);
    for (const b of blocks) expect(KINDS as readonly (string | undefined)[]).toContain(b.kind);
  });

  it.each(of('buildkite-pipeline').map((text, i) => [i, text]))('pipeline %i meets Buildkite\'s schema and passes kiteguard check', async (i, text) => {
    expect(validate(load(text as string)), JSON.stringify(validate.errors)).toBe(true);
    const file = join(work, `pipeline-${i}.yml`);
    writeFileSync(file, text as string);
    const r = await runCli(['check', file, '--format', 'json'], { cwd: work });
    expect(r.code, r.stdout).toBe(0);
    const pinned = [...(text as string).matchAll(/kiteguard#v([\w.-]+)|KITEGUARD_VERSION: "([^"]+)"/g)].map((m) => m[1] ?? m[2]);
    expect(pinned.length).toBeGreaterThan(0);
    expect(new Set(pinned)).toEqual(new Set([VERSION]));
  });

  it('pre-commit config names a hook kiteguard publishes, at this version', () => {
    const published = (load(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[]).map((h) => h.id);
    for (const text of of('pre-commit')) {
      const config = load(text) as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
      for (const repo of config.repos) {
        expect(repo.rev).toBe(`v${VERSION}`);
        for (const hook of repo.hooks) expect(published).toContain(hook.id);
      }
    }
  });

  it('.kiteguard.yml runs check with a bundle signed as the signing step signs it, fetched over HTTP', async () => {
    const [text] = of('kiteguard-config');
    const config = load(text as string) as { bundle: string; verification_keys: string; bundle_scope: string; bundle_issuer: string };
    const [signing] = of('buildkite-pipeline');
    const kid = /--key-id (\S+)/.exec(signing as string)?.[1] as string;
    for (const flag of [`--scope ${config.bundle_scope}`, `--issuer ${config.bundle_issuer}`, '--verification-keys org-keys.json']) expect(signing).toContain(flag);

    const { key, pub } = ecKeyFiles(work);
    const bundle = join(work, 'org.bundle.tar.gz');
    const built = await runCli(['policy', 'build', join(ROOT, 'examples/org-policy'), '-o', bundle, '--signing-key', key, '--opa', OPA, '--key-id', kid, '--scope', config.bundle_scope, '--issuer', config.bundle_issuer]);
    expect(built.code, built.stderr).toBe(0);
    const server = createServer((req, res) => {
      res.writeHead(req.url === new URL(config.bundle).pathname ? 200 : 404);
      res.end(req.url === new URL(config.bundle).pathname ? readFileSync(bundle) : undefined);
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const repo = join(work, 'repo');
      mkdirSync(join(repo, '.kiteguard'), { recursive: true });
      const { createPublicKey } = await import('node:crypto');
      const jwk = { ...createPublicKey(readFileSync(pub)).export({ format: 'jwk' }), kid, alg: 'ES256' };
      writeFileSync(join(repo, config.verification_keys), JSON.stringify({ keys: [jwk] }));
      const origin = new URL(config.bundle).origin;
      writeFileSync(join(repo, '.kiteguard.yml'), (text as string).replace(origin, `http://127.0.0.1:${(server.address() as AddressInfo).port}`));
      const r = await runCli(['check', join(ROOT, 'examples/org-policy/example-pipeline.yml'), '--format', 'json'], { cwd: repo, env: { KITEGUARD_CACHE_DIR: join(work, 'cache') } });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toContain('acme/deploy_queue');
    } finally {
      server.close();
    }
  }, 60_000);
});
