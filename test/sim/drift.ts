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

/** What a drift did, for test messages. */
export interface DriftLog {
  perturbed: number;
}

/** Keys a drift leaves alone: pagination and rate-limit bookkeeping, which change the protocol, not the data. */
const PROTOCOL = new Set(['pageInfo', 'rateLimit', 'hasNextPage', 'endCursor', 'cost', 'remaining', 'resetAt', 'limit', '__typename']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type GraphqlError = { message: string; path: (string | number)[]; extensions?: { type: string } };

function keysOf(obj: { [key: string]: Json }): string[] {
  return Object.keys(obj).filter((k) => !PROTOCOL.has(k));
}

/** A drifting function bound to one seed: each call perturbs one response body (a deep copy; the input is untouched). */
export function drifter(options: DriftOptions): { rest(body: unknown): unknown; graphql(body: unknown): unknown; log: DriftLog } {
  const rnd: Random = seeded(options.seed);
  const log: DriftLog = { perturbed: 0 };
  let added = 0;

  const restWalk = (value: Json): Json => {
    if (Array.isArray(value)) return value.map((v) => (rnd.chance(options.rate / 4) ? (log.perturbed++, null) : restWalk(v)));
    if (value === null || typeof value !== 'object') return value;
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = PROTOCOL.has(k) ? v : restWalk(v);
    const keys = keysOf(out);
    if (keys.length > 0 && rnd.chance(options.rate)) {
      log.perturbed++;
      const key = rnd.pick(keys);
      const op = rnd.int(0, 2);
      if (op === 0) delete out[key];
      else if (op === 1) out[key] = null;
      else out[`drift_field_${++added}`] = rnd.pick(['x', 1, true, null, { nested: 'x' }]);
    }
    return out;
  };

  const graphqlWalk = (value: Json, path: (string | number)[], errors: GraphqlError[]): Json => {
    const fieldError = (at: (string | number)[]) => errors.push({ message: `Something went wrong while resolving ${at.join('.')}`, path: at, extensions: { type: 'INTERNAL' } });
    if (Array.isArray(value)) {
      return value.map((v, i) => {
        if (v !== null && typeof v === 'object' && rnd.chance(options.rate / 4)) {
          log.perturbed++;
          fieldError([...path, i]);
          return null;
        }
        return graphqlWalk(v, [...path, i], errors);
      });
    }
    if (value === null || typeof value !== 'object') return value;
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = PROTOCOL.has(k) ? v : graphqlWalk(v, [...path, k], errors);
    const keys = keysOf(out);
    if (path.length >= 2 && keys.length > 0 && rnd.chance(options.rate)) {
      log.perturbed++;
      const op = rnd.int(0, 2);
      if (op === 2) {
        out[`driftField${++added}`] = 'x';
      } else {
        const key = op === 1 && 'nodes' in out ? 'nodes' : op === 1 && 'edges' in out ? 'edges' : rnd.pick(keys);
        out[key] = null;
        fieldError([...path, key]);
      }
    }
    return out;
  };

  return {
    log,
    rest: (body) => restWalk(JSON.parse(JSON.stringify(body)) as Json),
    graphql: (body) => {
      const copy = JSON.parse(JSON.stringify(body)) as { data?: Json; errors?: GraphqlError[] };
      if (!copy || typeof copy !== 'object' || copy.data === null || copy.data === undefined) return copy;
      const errors: GraphqlError[] = [];
      const data = graphqlWalk(copy.data, [], errors);
      return errors.length > 0 ? { ...copy, data, errors: [...(copy.errors ?? []), ...errors] } : { ...copy, data };
    },
  };
}
