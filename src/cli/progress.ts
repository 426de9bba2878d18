// The progress display of `collect`: one redrawn status line on a terminal, plain lines otherwise.
import type { ProgressReporter } from '../app/output.js';
import type { Provider } from '../snapshot/types.js';

/** How progress is shown. */
export interface ProgressOptions {
  write: (text: string) => void;
  /** A terminal: redraw one status line in place. */
  tty: boolean;
  /** Show nothing but warnings. */
  quiet: boolean;
  /** The terminal's width: a redrawn line longer than this would wrap and leave a stale line behind each redraw. */
  columns?: number;
  /** Milliseconds since some origin; injected by tests. */
  now?: () => number;
}


interface ProviderState {
  what: string;
  done: number;
  total: number | undefined;
  budget: string | undefined;
  /** Last quarter (0–4) printed in plain mode for the current phase. */
  quarter: number;
}

const REDRAW_MS = 100;

/** The line cut to one character less than the terminal's width (the cursor needs the last column), with `…`. */
export function fit(line: string, columns: number | undefined): string {
  if (columns === undefined || columns < 10) return line;
  const chars = [...line];
  return chars.length < columns ? line : `${chars.slice(0, columns - 2).join('')}…`;
}

/** Creates the display for one collection run. */
export function createProgress(opts: ProgressOptions): ProgressReporter {
  const now = opts.now ?? (() => Date.now());
  const state = new Map<Provider, ProviderState>();
  let drawn = false;
  let lastDraw = -Infinity;

  const statusLine = () =>
    [...state.entries()]
      .map(([provider, s]) => {
        const count = s.total === undefined ? (s.done > 0 ? ` ${s.done}` : '') : ` ${s.done}/${s.total}`;
        return `${provider}: ${s.what}${count}${s.budget ? ` (${s.budget})` : ''}`;
      })
      .join(' · ');
  const clear = () => {
    if (drawn) opts.write('\r\x1b[2K');
    drawn = false;
  };
  const redraw = (force: boolean) => {
    if (opts.quiet || !opts.tty) return;
    const t = now();
    if (!force && t - lastDraw < REDRAW_MS) return;
    lastDraw = t;
    opts.write(`\r\x1b[2K${fit(statusLine(), opts.columns)}`);
    drawn = true;
  };
  const entry = (provider: Provider): ProviderState => {
    let s = state.get(provider);
    if (!s) {
      s = { what: 'starting', done: 0, total: undefined, budget: undefined, quarter: 0 };
      state.set(provider, s);
    }
    return s;
  };

  return {
    progress(provider, what, done, total) {
      const s = entry(provider);
      const phaseChanged = s.what !== what;
      Object.assign(s, { what, done, total });
      if (phaseChanged) s.quarter = 0;
      if (!opts.quiet && !opts.tty) {
        const quarter = total ? Math.floor((4 * done) / total) : 0;
        if (phaseChanged || quarter > s.quarter) {
          s.quarter = quarter;
          opts.write(`${provider}: ${what}${total ? ` ${done}/${total}` : ''}\n`);
        }
      }
      redraw(phaseChanged);
    },
    budget(provider, remaining, limit, resetAt) {
      entry(provider).budget = `rate limit ${remaining}/${limit} left${resetAt ? `, resets ${resetAt}` : ''}`;
      redraw(false);
    },
    warn(provider, message) {
      clear();
      opts.write(`${provider}: warning: ${message}\n`);
      redraw(true);
    },
    finish() {
      clear();
    },
  };
}
