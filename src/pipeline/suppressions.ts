// Inline suppressions in pipeline YAML: `# kiteguard: ignore[rule-id] reason` after the line it is about, or
// alone on the line above it. Read from the text, since YAML parsers drop comments.
import type { InlineSuppression } from '../model/target.js';

const MARK = /(^|\s)#\s*kiteguard:\s*ignore\[([^\]]*)\]\s*(.*?)\s*$/;

/** Every inline suppression comment of a file, in line order. */
export function inlineSuppressions(text: string): InlineSuppression[] {
  if (!text.includes('kiteguard:')) return [];
  const found: InlineSuppression[] = [];
  text.split(/\r?\n/).forEach((content, i) => {
    const m = MARK.exec(content);
    if (m === null) return;
    const hash = m.index + (m[1] ?? '').length;
    found.push({
      line: i + 1,
      column: hash + 1,
      rules: (m[2] ?? '').split(',').map((r) => r.trim()).filter(Boolean),
      reason: m[3] ?? '',
      ownLine: content.slice(0, hash).trim() === '',
    });
  });
  return found;
}
