// A small concurrency and pacing limiter, shaped like the Bottleneck groups octokit's throttling plugin accepts.

type Job<T> = () => Promise<T>;

/** Runs jobs with at most `maxConcurrent` at once and at least `minIntervalMs` between starts. */
export class Limiter {
  private running = 0;
  private lastStart = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly maxConcurrent: number,
    private readonly minIntervalMs = 0,
  ) {}

  /** Runs one job when a slot is free. */
  async run<T>(job: Job<T>): Promise<T> {
    await this.acquire();
    try {
      return await job();
    } finally {
      this.running -= 1;
      this.queue.shift()?.();
    }
  }

  private async acquire(): Promise<void> {
    if (this.running >= this.maxConcurrent) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running += 1;
    const wait = this.lastStart + this.minIntervalMs - Date.now();
    this.lastStart = Math.max(Date.now(), this.lastStart + this.minIntervalMs);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }

  /** This limiter in the `key(id).schedule(options, fn, ...args)` shape of a Bottleneck group. */
  asGroup(): { key(id?: string): { schedule(options: unknown, fn: (...args: unknown[]) => unknown, ...args: unknown[]): Promise<unknown> } } {
    const schedule = (_options: unknown, fn: (...args: unknown[]) => unknown, ...args: unknown[]) => this.run(async () => fn(...args));
    return { key: () => ({ schedule }) };
  }
}

/** Maps over items with at most `limit` promises pending. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
