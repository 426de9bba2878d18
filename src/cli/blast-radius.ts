// `kiteguard blast-radius`: the incident-response query over a snapshot (which pipelines,
// clusters and teams a secret, an environment variable or a token reaches).
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { BlastQuery, BlastRequest } from '../app/blast-radius.js';
import { UsageError } from '../errors.js';
import type { CliIo, Finish } from './io.js';

/** The options `blast-radius` accepts, as commander parses them. */
export interface BlastFlags {
  snapshot: string;
  secret?: string;
  env?: string;
  token?: string;
  format: BlastRequest['format'];
  output?: string;
}

/** Adds the `blast-radius` command to the program. */
export function registerBlastRadius(program: Command, io: CliIo, finish: Finish): void {
  program
    .command('blast-radius')
    .description('incident response: what a secret, environment variable or token reaches in a snapshot (pipelines, clusters, branches, teams); exit 1 when nothing matches')
    .requiredOption('--snapshot <file>', 'snapshot written by `kiteguard collect`')
    .option('--secret <name>', 'a Buildkite cluster secret key')
    .option('--env <var>', 'an environment variable name')
    .option('--token <id>', 'a Buildkite API access token uuid or a cluster agent token id')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json'] satisfies Array<BlastRequest['format']>).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .action(async (flags: BlastFlags) => {
      const query = blastQuery(flags);
      const { runBlastRadius } = await import('../app/blast-radius.js');
      const request = { snapshot: resolve(io.cwd, flags.snapshot), cwd: io.cwd, query, format: flags.format, ...(flags.output ? { output: resolve(io.cwd, flags.output) } : {}) };
      finish({ kind: 'blast-radius', matched: runBlastRadius(request, io).matched });
    });
}

/** The one query the flags name; none, several, or an empty name is a usage error. */
export function blastQuery(flags: Pick<BlastFlags, 'secret' | 'env' | 'token'>): BlastQuery {
  const given = (['secret', 'env', 'token'] as const).filter((k) => flags[k] !== undefined);
  if (given.length !== 1) {
    const which = given.length === 0 ? 'none was given' : `got ${given.map((k) => `--${k}`).join(' and ')}`;
    throw new UsageError(`name exactly one thing to look up: --secret NAME, --env VAR or --token ID (${which})`);
  }
  const kind = given[0] as BlastQuery['kind'];
  const name = (flags[kind] ?? '').trim();
  if (name === '') throw new UsageError(`--${kind} needs a non-empty value`);
  return { kind, name };
}
