// Seeded drift for the loopback simulators: what real APIs do to responses over time (fields dropped, nulled or
// added, list elements that come back null, GraphQL field errors and `nodes: null` pages), applied to ~`rate` of the
// objects of every successful response, the same way for the same seed.
import { seeded, type Random } from './random.js';

/** How much to perturb: the seed, and the share of objects (and list elements) touched. */
export interface DriftOptions {
  seed: number;
  /** Share of objects perturbed per response (0.02 = 2 %). */
  rate: number;
}

/** One perturbation: the response it was made in, where in the body, and the objects around it. */
export interface Perturbation {
  /** The response: a REST route (`GET /orgs/acme/repos`, `pipelines`) or `graphql:<operation>`. */
  where: string;
  /** The JSON path of the perturbed object (or list element) inside the response body. */
  path: (string | number)[];
  /** The key of that object that was dropped, nulled or added (absent for a list element that came back null). */
  key?: string;
  /** Identities of the enclosing objects, outermost first, as served before the change: `repo:<owner/name>`, `slug:<slug>`. */
  owners: string[];
}

/** What a drift did: how many objects it perturbed, and each perturbation, so tests can tell what it touched. */
export interface DriftLog {
  perturbed: number;
  perturbations: Perturbation[];
}

/** Keys a drift leaves alone: pagination and rate-limit bookkeeping, which change the protocol, not the data. */
const PROTOCOL = new Set(['pageInfo', 'rateLimit', 'hasNextPage', 'endCursor', 'cost', 'remaining', 'resetAt', 'limit', '__typename']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type GraphqlError = { message: string; path: (string | number)[]; extensions?: { type: string } };

function keysOf(obj: { [key: string]: Json }): string[] {
  return Object.keys(obj).filter((k) => !PROTOCOL.has(k));
}

/** The identity an object carries, as the log names it: a repository's full name, else a slug. */
function identity(value: Json): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const repo = value.nameWithOwner ?? value.full_name;
  if (typeof repo === 'string') return `repo:${repo}`;
  return typeof value.slug === 'string' ? `slug:${value.slug}` : undefined;
}

/** A drifting function bound to one seed: each call perturbs one response body (a deep copy; the input is untouched). */
export function drifter(options: DriftOptions): { rest(body: unknown, where?: string): unknown; graphql(body: unknown, where?: string): unknown; log: DriftLog } {
  const rnd: Random = seeded(options.seed);
  const log: DriftLog = { perturbed: 0, perturbations: [] };
  let added = 0;
  let where = '';
  const note = (path: (string | number)[], owners: string[], key?: string) => {
    log.perturbed++;
    log.perturbations.push({ where, path, owners, ...(key !== undefined ? { key } : {}) });
  };
  const within = (owners: string[], value: Json) => {
    const id = identity(value);
    return id ? [...owners, id] : owners;
  };

  const restWalk = (value: Json, path: (string | number)[], owners: string[]): Json => {
    if (Array.isArray(value)) return value.map((v, i) => (rnd.chance(options.rate / 4) ? (note([...path, i], within(owners, v)), null) : restWalk(v, [...path, i], owners)));
    if (value === null || typeof value !== 'object') return value;
    const inside = within(owners, value);
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = PROTOCOL.has(k) ? v : restWalk(v, [...path, k], inside);
    const keys = keysOf(out);
    if (keys.length > 0 && rnd.chance(options.rate)) {
      const key = rnd.pick(keys);
      const op = rnd.int(0, 2);
      note(path, inside, op === 2 ? `drift_field_${added + 1}` : key);
      if (op === 0) delete out[key];
      else if (op === 1) out[key] = null;
      else out[`drift_field_${++added}`] = rnd.pick(['x', 1, true, null, { nested: 'x' }]);
    }
    return out;
  };

  const graphqlWalk = (value: Json, path: (string | number)[], errors: GraphqlError[], owners: string[]): Json => {
    const fieldError = (at: (string | number)[]) => errors.push({ message: `Something went wrong while resolving ${at.join('.')}`, path: at, extensions: { type: 'INTERNAL' } });
    if (Array.isArray(value)) {
      return value.map((v, i) => {
        if (v !== null && typeof v === 'object' && rnd.chance(options.rate / 4)) {
          note([...path, i], within(owners, v));
          fieldError([...path, i]);
          return null;
        }
        return graphqlWalk(v, [...path, i], errors, owners);
      });
    }
    if (value === null || typeof value !== 'object') return value;
    const inside = within(owners, value);
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = PROTOCOL.has(k) ? v : graphqlWalk(v, [...path, k], errors, inside);
    const keys = keysOf(out);
    if (path.length >= 2 && keys.length > 0 && rnd.chance(options.rate)) {
      const op = rnd.int(0, 2);
      if (op === 2) {
        note(path, inside, `driftField${added + 1}`);
        out[`driftField${++added}`] = 'x';
      } else {
        const key = op === 1 && 'nodes' in out ? 'nodes' : op === 1 && 'edges' in out ? 'edges' : rnd.pick(keys);
        note(path, inside, key);
        out[key] = null;
        fieldError([...path, key]);
      }
    }
    return out;
  };

  return {
    log,
    rest: (body, at = 'rest') => {
      where = at;
      return restWalk(JSON.parse(JSON.stringify(body)) as Json, [], []);
    },
    graphql: (body, at = 'graphql') => {
      where = at;
      const copy = JSON.parse(JSON.stringify(body)) as { data?: Json; errors?: GraphqlError[] };
      if (!copy || typeof copy !== 'object' || copy.data === null || copy.data === undefined) return copy;
      const errors: GraphqlError[] = [];
      const data = graphqlWalk(copy.data, [], errors, []);
      return errors.length > 0 ? { ...copy, data, errors: [...(copy.errors ?? []), ...errors] } : { ...copy, data };
    },
  };
}
