// Preloaded into a measured command (`node --import ./bench/peak-rss.mjs …`): at exit, appends the
// process's peak resident set size in KiB to the file named by KITEGUARD_PEAK_RSS_FILE.
import { appendFileSync } from 'node:fs';

const out = process.env.KITEGUARD_PEAK_RSS_FILE;
if (out) process.on('exit', () => appendFileSync(out, `${process.resourceUsage().maxRSS}\n`));
