// How long `kiteguard collect` takes to give up on an API it cannot use: a closed port, a host
// that resets every connection, and a rejected token, for GitHub and Buildkite, through the built CLI.
// Prints one line per case: wall time, exit code, connection attempts the host saw, and the error line.
// Usage: node bench/unreachable.mjs   (after `make`)
import { spawn } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../bin/kiteguard.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'kiteguard-unreachable-'));

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

/** A port nothing listens on: bound once, then closed. */
async function closedPort() {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return { url: `http://127.0.0.1:${port}`, attempts: () => 'n/a', close() {} };
}

/** A host that accepts every connection and resets it at once. */
async function resettingHost() {
  let attempts = 0;
  const server = createServer((socket) => {
    attempts += 1;
    socket.resetAndDestroy();
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, attempts: () => attempts, close: () => server.close() };
}

/** A host that answers every request 401 Bad credentials. */
async function rejectingHost() {
  let attempts = 0;
  const server = createHttpServer((_req, res) => {
    attempts += 1;
    res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Bad credentials' }));
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, attempts: () => attempts, close: () => server.close() };
}

function run(args, env) {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, seconds: Number(process.hrtime.bigint() - started) / 1e9, stderr }));
  });
}

const providers = {
  github: (url) => [['--github-org', 'acme', '--github-api-url', url], { GITHUB_TOKEN: 'ghp_benchUnreachable0000000000000000000000' }],
  buildkite: (url) => [
    ['--buildkite-org', 'acme', '--buildkite-api-url', `${url}/v2`, '--buildkite-graphql-url', `${url}/v1`],
    { BUILDKITE_API_TOKEN: 'bkua_benchUnreachable000000000000000000000' },
  ],
};

for (const [name, start] of [['closed port', closedPort], ['connection reset', resettingHost], ['401 Bad credentials', rejectingHost]]) {
  for (const [provider, argsFor] of Object.entries(providers)) {
    const host = await start();
    const [args, env] = argsFor(host.url);
    const r = await run(['collect', '-q', ...args, '-o', join(work, 'snapshot.json')], env);
    const lines = r.stderr.split('\n');
    const at = lines.findIndex((l) => l.startsWith('kiteguard:'));
    const said = at === -1 ? lines.find((l) => l.trim()) ?? '' : lines.slice(at + 1).join(' ').trim();
    console.log(`${provider.padEnd(9)} ${name.padEnd(20)} ${r.seconds.toFixed(1).padStart(5)} s  exit ${r.code}  attempts ${String(host.attempts()).padStart(3)}  ${said.slice(0, 110)}`);
    host.close();
  }
}
rmSync(work, { recursive: true, force: true });
