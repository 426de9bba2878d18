// Fault injection for the simulator: which requests fail, how, and how many times.

/** One way a response can go wrong. */
export type Fault =
  | { kind: 'rate-limit'; retryAfter?: number }
  | { kind: 'secondary-rate-limit'; retryAfter?: number; status?: 403 | 429 }
  | { kind: 'status'; status: 500 | 502 | 503 }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'truncate' }
  | { kind: 'forbidden'; message?: string };

/** A fault aimed at requests whose path (without query) matches, for the first `times` of them (default: all). */
export interface FaultRule {
  path: string | RegExp;
  method?: string;
  times?: number;
  fault: Fault;
}

/** The faults configured for one simulator, consumed as requests arrive. */
export class FaultPlan {
  private rules: { rule: FaultRule; hits: number }[] = [];

  /** Adds a fault rule. */
  add(rule: FaultRule): void {
    this.rules.push({ rule, hits: 0 });
  }

  /** Removes every fault rule. */
  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, if a rule matches and has hits left (counting the hit). */
  take(method: string, path: string): Fault | undefined {
    for (const entry of this.rules) {
      const { rule } = entry;
      if (rule.method && rule.method !== method) continue;
      const matches = typeof rule.path === 'string' ? rule.path === path : rule.path.test(path);
      if (!matches || entry.hits >= (rule.times ?? Infinity)) continue;
      entry.hits += 1;
      return rule.fault;
    }
    return undefined;
  }

  /** How many requests each rule has failed so far, in the order added. */
  hits(): number[] {
    return this.rules.map((r) => r.hits);
  }
}
