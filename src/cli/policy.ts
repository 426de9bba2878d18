// `kiteguard policy build|test|new`: an organization's own Rego rules, tested, and built with kiteguard's into
// one (signed) bundle that `check`, `evaluate` and `sweep` verify with `--bundle` and `--verification-key`.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CliIo, Finish } from './io.js';

/** Adds the `policy` command and its subcommands to the program. */
export function registerPolicy(program: Command, io: CliIo, finish: Finish): void {
  const policy = program.command('policy').description("write, test and build your organization's own rules into a signed bundle");
  const opaOption = () => new Option('--opa <file>', 'the opa binary (default: KITEGUARD_OPA, else opa on PATH)');

  policy
    .command('build')
    .description("compile kiteguard's rules plus yours into one Wasm bundle (.tar.gz), signed with --signing-key")
    .argument('[dir]', 'your rule folder', '.kiteguard/policies')
    .requiredOption('-o, --output <file>', 'the bundle to write, e.g. org.bundle.tar.gz')
    .option('--signing-key <file>', 'PEM private key to sign the bundle with')
    .addOption(new Option('--signing-alg <alg>', 'signature algorithm').choices(['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']).default('ES256'))
    .option('--config <file>', "your organization's .kiteguard.yml (rule knobs, severities, waivers, fail_on), embedded and signed as every check's defaults")
    .option('--key-id <id>', 'key id to sign with, by which `--verification-keys JWKS` picks the key (default: "default")')
    .option('--scope <scope>', 'a scope claim to sign, which checks can require with --bundle-scope')
    .option('--issuer <iss>', 'an issuer (iss) claim to sign, which checks can require with --bundle-issuer')
    .addOption(opaOption())
    .action(async (dir: string, opts: { output: string; config?: string; signingKey?: string; signingAlg: string; keyId?: string; scope?: string; issuer?: string; opa?: string }) => {
      const [{ buildPolicyBundle }, { findOpa }] = await Promise.all([import('../app/policy-build.js'), import('../app/policy-sources.js')]);
      const out = resolve(io.cwd, opts.output);
      const own = buildPolicyBundle({
        opa: findOpa(opts.opa && resolve(io.cwd, opts.opa), io.env),
        dir: resolve(io.cwd, dir),
        out,
        ...(opts.signingKey ? { signingKey: resolve(io.cwd, opts.signingKey), signingAlg: opts.signingAlg } : {}),
        ...(opts.keyId ? { keyId: opts.keyId } : {}),
        ...(opts.config ? { config: resolve(io.cwd, opts.config) } : {}),
        ...(opts.scope ? { scope: opts.scope } : {}),
        ...(opts.issuer ? { issuer: opts.issuer } : {}),
      });
      const settings = opts.config ? `, with the settings of ${opts.config}` : '';
      io.stdout(`wrote ${opts.output}${opts.signingKey ? ` (signed, ${opts.signingAlg})` : ' (unsigned)'}: kiteguard's rules and ${own.length} of yours: ${own.map((r) => r.id).sort().join(', ') || 'none'}${settings}\n`);
      finish({ kind: 'done' });
    });

  policy
    .command('test')
    .description("run your rules' tests (opa test) with kiteguard's Rego library")
    .argument('[dir]', 'your rule folder', '.kiteguard/policies')
    .option('-v, --verbose', 'list every test')
    .option('--coverage', "print opa's coverage report (JSON)")
    .addOption(opaOption())
    .action(async (dir: string, opts: { verbose?: boolean; coverage?: boolean; opa?: string }) => {
      const [{ testPolicies }, { findOpa }] = await Promise.all([import('../app/policy-test.js'), import('../app/policy-sources.js')]);
      const passed = testPolicies({ opa: findOpa(opts.opa && resolve(io.cwd, opts.opa), io.env), dir: resolve(io.cwd, dir), label: dir, verbose: Boolean(opts.verbose), coverage: Boolean(opts.coverage) }, io);
      finish({ kind: 'tests', passed });
    });

  policy
    .command('new')
    .description('scaffold a rule and its test, e.g. `kiteguard policy new acme/deploy_queue --kind pipeline`')
    .argument('<id>', 'the rule id: <your namespace>/<name>')
    .option('--dir <dir>', 'your rule folder', '.kiteguard/policies')
    .option('--kind <kind>', 'what the rule judges: pipeline (YAML), buildkite-pipeline, repository, organization (Buildkite), github-organization, agent', 'pipeline')
    .action(async (id: string, opts: { dir: string; kind: string }) => {
      const { scaffoldRule } = await import('../app/policy-new.js');
      const made = scaffoldRule(id, resolve(io.cwd, opts.dir), opts.kind);
      io.stdout(`wrote ${made.rule} and ${made.test} (package ${made.package}); run \`kiteguard policy test ${opts.dir}\`\n`);
      finish({ kind: 'done' });
    });
}
