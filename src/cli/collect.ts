// `kiteguard collect`: reads GitHub and Buildkite settings into one snapshot file.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CollectRequest } from '../app/collect.js';
import type { ProgressFactory } from '../app/output.js';
import { UsageError } from '../errors.js';
import { resolveShard } from '../shard/shard.js';
import { checkUrl } from '../url.js';
import type { CliIo, Finish } from './io.js';
import { createProgress } from './progress.js';

/** The options `collect` accepts, as commander parses them. */
export interface CollectFlags {
  githubOrg?: string;
  repo?: string[];
  githubApiUrl?: string;
  githubAppId?: string;
  githubAppKey?: string;
  githubAppInstallation?: string;
  buildkiteOrg?: string;
  buildkiteApiUrl?: string;
  buildkiteGraphqlUrl?: string;
  output?: string;
  cacheDir?: string;
  concurrency: string;
  timeout: string;
  quiet?: boolean;
  shard?: string;
  resume?: boolean;
}

/** Adds the `collect` command to the program. */
export function registerCollect(program: Command, io: CliIo, finish: Finish): void {
  addCollectOptions(
    program
      .command('collect')
      .description('collect GitHub and Buildkite settings into a snapshot (tokens from GITHUB_TOKEN / GH_TOKEN and BUILDKITE_API_TOKEN)'),
  )
    .option('-o, --output <file>', 'write the snapshot here (default: stdout)')
    .action(async (flags: CollectFlags) => {
      const request = collectRequest(flags, io);
      if (request.resume && !request.output) throw new UsageError('--resume needs -o FILE: the journal it continues lies beside the snapshot file (FILE.partial)');
      const { runCollect } = await import('../app/collect.js');
      const collected = await runCollect(request, io, progressDisplay(io, request.quiet));
      finish({ kind: 'collection', incomplete: collected.snapshot.incomplete });
    });
}

/** The options shared by `collect` and `sweep`: what to read, credentials, limits, sharding. */
export function addCollectOptions(command: Command): Command {
  return command
    .option('--github-org <org>', 'GitHub organization to read')
    .option('--repo <owner/name>', 'read only this repository (repeatable; the CI-gate case)', collectList, [])
    .option('--github-api-url <url>', 'GitHub REST base URL, for GitHub Enterprise Server (env GITHUB_API_URL)')
    .option('--github-app-id <id>', 'authenticate as a GitHub App (env GITHUB_APP_ID); unlocks the org PAT listing')
    .option('--github-app-key <file>', "the GitHub App's private key, PEM (env GITHUB_APP_PRIVATE_KEY holds the key itself)")
    .option('--github-app-installation <id>', "the App's installation id (default: its installation on --github-org)")
    .option('--buildkite-org <slug>', 'Buildkite organization to read')
    .option('--buildkite-api-url <url>', 'Buildkite REST base URL (env BUILDKITE_API_URL)')
    .option('--buildkite-graphql-url <url>', 'Buildkite GraphQL URL (env BUILDKITE_GRAPHQL_URL)')
    .option('--cache-dir <dir>', 'keep GitHub ETags here so repeated collections cost little')
    .addOption(new Option('--concurrency <n>', 'requests in flight per provider').default('8'))
    .addOption(new Option('--timeout <seconds>', 'timeout of one request').default('30'))
    .option('--shard <i/n>', 'collect part i of n of the repositories and pipelines (default inside a Buildkite parallel job: its part)')
    .option('--resume', 'continue an interrupted collection from its journal beside the output (same options as before)')
    .option('-q, --quiet', 'no progress display and no summary');
}

function collectList(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The progress display of a collection on stderr: redrawn in place on a terminal, plain lines otherwise. */
export function progressDisplay(io: CliIo, quiet: boolean): ProgressFactory {
  return (write) => createProgress({ write, tty: Boolean(io.stderrIsTTY), quiet, ...(io.stderrColumns ? { columns: io.stderrColumns } : {}) });
}

/** Turns flags and environment into a request; missing credentials are usage errors. */
export function collectRequest(flags: CollectFlags, io: CliIo): CollectRequest {
  const env = io.env;
  const repos = flags.repo ?? [];
  for (const r of repos) if (!/^[\w.-]+\/[\w.-]+$/.test(r)) throw new UsageError(`--repo ${r}: expected owner/name`);
  const githubOrg = flags.githubOrg ?? (repos[0] ? repos[0].split('/')[0] : undefined);
  if (!githubOrg && !flags.buildkiteOrg) throw new UsageError('name what to collect: --github-org ORG and/or --buildkite-org SLUG');
  const concurrency = positiveInt(flags.concurrency, '--concurrency', 256);
  const timeoutMs = positiveInt(flags.timeout, '--timeout', 3600) * 1000;
  const shard = resolveShard(flags.shard, env);
  const request: CollectRequest = {
    concurrency,
    timeoutMs,
    quiet: Boolean(flags.quiet),
    ...(flags.resume ? { resume: true } : {}),
    ...(flags.output ? { output: resolve(io.cwd, flags.output) } : {}),
    ...(shard ? { shard } : {}),
  };
  if (githubOrg) {
    const apiUrl = flags.githubApiUrl ?? env.GITHUB_API_URL;
    request.github = {
      org: githubOrg,
      auth: githubAuth(flags, io),
      ...(apiUrl ? { apiUrl: checkUrl(apiUrl, '--github-api-url') } : {}),
      ...(repos.length ? { repos } : {}),
      ...(flags.cacheDir ? { cacheDir: resolve(io.cwd, flags.cacheDir) } : {}),
    };
  }
  if (flags.buildkiteOrg) {
    const token = env.BUILDKITE_API_TOKEN;
    if (!token) throw new UsageError('--buildkite-org needs a Buildkite API token in BUILDKITE_API_TOKEN');
    const apiUrl = flags.buildkiteApiUrl ?? env.BUILDKITE_API_URL;
    const graphqlUrl = flags.buildkiteGraphqlUrl ?? env.BUILDKITE_GRAPHQL_URL;
    request.buildkite = {
      org: flags.buildkiteOrg,
      token,
      ...(apiUrl ? { apiUrl: checkUrl(apiUrl, '--buildkite-api-url') } : {}),
      ...(graphqlUrl ? { graphqlUrl: checkUrl(graphqlUrl, '--buildkite-graphql-url') } : {}),
    };
  }
  return request;
}

function githubAuth(flags: CollectFlags, io: CliIo): NonNullable<CollectRequest['github']>['auth'] {
  const appId = flags.githubAppId ?? io.env.GITHUB_APP_ID;
  if (appId) {
    let privateKey = io.env.GITHUB_APP_PRIVATE_KEY;
    if (flags.githubAppKey) {
      try {
        privateKey = readFileSync(resolve(io.cwd, flags.githubAppKey), 'utf8');
      } catch (err) {
        throw new UsageError(`--github-app-key ${flags.githubAppKey}: cannot read the key file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    }
    if (!privateKey) throw new UsageError('--github-app-id needs the private key: --github-app-key FILE or GITHUB_APP_PRIVATE_KEY');
    const installation = flags.githubAppInstallation;
    return { appId, privateKey, ...(installation ? { installationId: positiveInt(installation, '--github-app-installation') } : {}) };
  }
  const token = io.env.GITHUB_TOKEN ?? io.env.GH_TOKEN;
  if (!token) throw new UsageError('--github-org needs a GitHub token in GITHUB_TOKEN or GH_TOKEN (or a GitHub App: --github-app-id and --github-app-key)');
  return { token };
}

function positiveInt(value: string, flag: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n <= 0 || n > max) throw new UsageError(`${flag} ${value}: expected a positive whole number${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}`);
  return n;
}

