// `kiteguard check-agent [paths…]`: the agent's configuration, hooks and stack parameters.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { AGENT_KINDS, type AgentKind } from '../agent/types.js';
import { runCheckAgent } from '../app/check-agent.js';
import { VERSION } from '../version.js';
import { addBundleOptions, useBundle, type BundleFlags } from './bundle-options.js';
import type { CliIo, Finish } from './io.js';
import { addFileReportOptions, printFileReport, type FileReportFlags } from './file-report.js';

interface CheckAgentFlags extends FileReportFlags, BundleFlags {
  kind?: AgentKind;
  queueTrust?: 'trusted' | 'untrusted';
  agentVersion?: string;
}

/** Adds the `check-agent` command to the program. */
export function registerCheckAgent(program: Command, io: CliIo, finish: Finish): void {
  addBundleOptions(addFileReportOptions(
    program
      .command('check-agent')
      .description('check Buildkite agent configuration: buildkite-agent.cfg, agent env files, hooks folders, Elastic CI Stack parameters, agent-stack-k8s values')
      .argument('<paths...>', 'agent files, or folders of agent hooks')
      .addOption(new Option('--kind <kind>', 'read every path as this kind (default: told from the content)').choices(AGENT_KINDS))
      .addOption(new Option('--queue-trust <trust>', 'whether the agents run only trusted code (default: untrusted unless a rule\'s trusted_queues matches the queue)').choices(['trusted', 'untrusted']))
      .option('--agent-version <version>', 'the agent release these settings run on, to report settings it cannot enforce'),
  )).action(async (paths: string[], opts: CheckAgentFlags) => {
    const bundled = await useBundle(io, opts);
    const { report, errors } = await runCheckAgent({
      paths,
      cwd: io.cwd,
      ...(opts.kind ? { kind: opts.kind } : {}),
      ...(opts.queueTrust ? { queueTrust: opts.queueTrust } : {}),
      ...(opts.agentVersion ? { agentVersion: opts.agentVersion } : {}),
      ...(io.policy && !bundled ? { policy: io.policy } : {}),
      ...(opts.config ? { configPath: resolve(io.cwd, opts.config) } : {}),
      ...(opts.failOn ? { failOn: opts.failOn } : {}),
      now: new Date(),
      version: VERSION,
    });
    await printFileReport(io, finish, 'check-agent', opts, report, errors);
  });
}
