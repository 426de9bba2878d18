// The organization's settings a signed bundle carries (`policy build --config`), and how a local `.kiteguard.yml`
// combines with them: the organization's rule settings and waivers always apply and cannot be changed locally;
// a local config adds settings for other rules, a stricter fail_on, attestations, and waivers unless the
// organization's config says `local_waivers: false`.
import { InputError } from '../errors.js';
import { SEVERITIES, type Severity } from '../model/report.js';
import type { Config, RuleConfig } from './load.js';

/** The JSON a bundle carries for a validated organization config (its file named by `name`, for messages). */
export function orgConfigData(config: Config, name: string): object {
  // Sources name the file, never the folder it was built in.
  const source = <T extends { source: { file: string } }>(item: T): T => ({ ...item, source: { ...item.source, file: `${name} (in the policy bundle)` } });
  const { file: _file, ...rest } = config;
  return { ...rest, waivers: config.waivers.map(source), attestations: config.attestations.map(source) };
}

/** Combines the organization's config (from a verified bundle) with the local one; a local override is an InputError naming the local file. */
export function mergeOrgConfig(org: Config | undefined, local: Config): Config {
  if (!org) return local;
  const where = { file: local.file ?? '.kiteguard.yml' };
  const problems: string[] = [];
  const rules: Record<string, RuleConfig> = { ...local.rules };
  for (const [id, set] of Object.entries(org.rules)) {
    const mine = local.rules[id];
    if (mine) {
      if (!mine.enabled && set.enabled) problems.push(`rule ${id} is enabled by the organization's bundle and cannot be disabled locally`);
      if (mine.severity && set.severity && mine.severity !== set.severity) problems.push(`rule ${id}'s severity is set to ${set.severity} by the organization's bundle`);
      for (const knob of Object.keys(mine.knobs)) if (Object.hasOwn(set.knobs, knob)) problems.push(`rule ${id}'s knob ${knob} is set by the organization's bundle`);
    }
    rules[id] = {
      enabled: set.enabled && (mine?.enabled ?? true),
      knobs: { ...(mine?.knobs ?? {}), ...set.knobs },
      ...((set.severity ?? mine?.severity) ? { severity: (set.severity ?? mine?.severity) as Severity } : {}),
    };
  }
  if (org.localWaivers === false && local.waivers.some((w) => !w.inline)) problems.push("the organization's bundle allows no local waivers (local_waivers: false)");
  if (org.failOn && local.failOn && SEVERITIES.indexOf(local.failOn) > SEVERITIES.indexOf(org.failOn)) {
    problems.push(`fail_on ${local.failOn} is looser than the organization's fail_on ${org.failOn}; a local config may only make it stricter`);
  }
  if (problems.length) throw new InputError(`${problems.join('; ')} (remove the local setting, or change the organization's config)`, where);
  const failOn = local.failOn ?? org.failOn;
  return {
    rules,
    waivers: [...org.waivers, ...local.waivers],
    attestations: [...org.attestations, ...local.attestations],
    ...(failOn ? { failOn } : {}),
    ...(local.file ? { file: local.file } : {}),
  };
}
