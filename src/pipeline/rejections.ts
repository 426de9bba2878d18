// What Buildkite's pipeline schema rejects that a normalizer would otherwise let through:
// step keys (`key`, `id`, `identifier`) outside the allowed characters, too long, or shaped like a UUID.

import { hasVariable } from './interpolation.js';
import type { Ctx } from './source.js';

/** The schema's step-key limits: at most 100 of these characters, and not a UUID. */
const KEY_MAX = 100;
const KEY_CHARS = /^[a-zA-Z0-9_\-:${}.,]+$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ALLOWED = 'letters, digits and _ - : $ { } . ,';

/** Throws InputError at `at` when a step key breaks Buildkite's schema; keys set at upload time are not judged. */
export function checkStepKey(value: unknown, at: number, name: string, ctx: Ctx): void {
  if (typeof value !== 'string' || hasVariable(value)) return;
  const shown = JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (value.length > KEY_MAX) {
    ctx.fail(at, `step ${name} ${shown} is ${value.length} characters long; expected at most ${KEY_MAX}`);
  }
  if (!KEY_CHARS.test(value)) {
    const bad = [...new Set([...value].filter((c) => !KEY_CHARS.test(c)))].map(describeChar).join(', ');
    ctx.fail(at, `step ${name} ${shown} has characters Buildkite does not allow in a key (${bad}); expected only ${ALLOWED}`);
  }
  if (UUID.test(value)) ctx.fail(at, `step ${name} ${shown} looks like a UUID, which Buildkite does not accept as a key; expected another name`);
}

function describeChar(c: string): string {
  if (c === ' ') return 'a space';
  if (c === '\t') return 'a tab';
  return `\`${c}\``;
}
