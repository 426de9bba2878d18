// The normalized `agent` input: one agent configuration, stack parameter file, Helm values file
// or hooks folder, in the shape the policies in policies/agent/ read, with positions for findings.
import type { Location } from '../model/report.js';

/** The kinds of agent file `check-agent` reads. */
export const AGENT_KINDS = ['agent-config', 'agent-env', 'hooks', 'elastic-stack', 'k8s-stack'] as const;
/** One kind of agent file. */
export type AgentKind = (typeof AGENT_KINDS)[number];

/** One agent hook script, split into logical lines (backslash continuations joined). */
export interface AgentHook {
  name: string;
  file: string;
  lines: string[];
}

/** What the policies read as `input.agent`. */
export interface NormalizedAgent {
  kind: AgentKind;
  /** Agent settings by their config-file name (`no-command-eval`); tokens are masked. */
  settings: Record<string, string | boolean | string[]>;
  /** Elastic CI Stack parameters by name, as written (absent ones take the template default). */
  parameters: Record<string, string>;
  /** agent-stack-k8s Helm values, as written. */
  values: Record<string, unknown>;
  hooks: AgentHook[];
  /** The hooks as a pipeline (one command step per hook, one command per logical line), for the command detectors. */
  hooks_pipeline?: unknown;
  /** The agent version, when known (`--agent-version` or an image tag). */
  version?: string;
  /** The queue the agents serve, when the file names it. */
  queue?: string;
}

/** A parsed agent file and the way from a JSON path in `input` back to file:line:col. */
export interface AgentDocument {
  agent: NormalizedAgent;
  locate(path: ReadonlyArray<string | number>): Location | undefined;
}

/** Marks a secret value so it never reaches the policies or the output. */
export const MASKED = '<masked>';

/** A locator over a table of known paths: the longest known prefix of a path wins. */
export function tableLocator(table: Map<string, Location>, fallback: Location): AgentDocument['locate'] {
  return (path) => {
    for (let n = path.length; n > 0; n--) {
      const hit = table.get(JSON.stringify(path.slice(0, n)));
      if (hit) return hit;
    }
    return fallback;
  };
}

/** The key a path has in a locator table. */
export function pathKey(path: ReadonlyArray<string | number>): string {
  return JSON.stringify(path);
}

/** An empty normalized agent of one kind. */
export function emptyAgent(kind: AgentKind): NormalizedAgent {
  return { kind, settings: {}, parameters: {}, values: {}, hooks: [] };
}
