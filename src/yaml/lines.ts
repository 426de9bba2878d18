// Offset → 1-based line and column for one source text, with line starts computed once.

/** A 1-based line and column (column counted in characters, not UTF-16 units). */
export interface LineColumn {
  line: number;
  column: number;
}

/** Converts string offsets of one text to line/column; built once per file. */
export class LineIndex {
  private readonly starts: number[] = [0];

  /** `added`: spaces inserted at the start of some 0-based lines, left out of the columns reported. */
  constructor(
    private readonly text: string,
    private readonly added: ReadonlyMap<number, number> = new Map(),
  ) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  /** The position of a string offset; offsets out of range are clamped to the text. */
  at(offset: number): LineColumn {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    const start = this.starts[lo] ?? 0;
    let prefix = this.text.slice(start, o);
    if (lo === 0 && prefix.charCodeAt(0) === 0xfeff) prefix = prefix.slice(1);
    const column = /[\uD800-\uDFFF]/.test(prefix) ? [...prefix].length + 1 : prefix.length + 1;
    return { line: lo + 1, column: Math.max(1, column - (this.added.get(lo) ?? 0)) };
  }

  /** The offset where a 0-based line starts (the text length past the end). */
  lineStart(line0: number): number {
    return this.starts[line0] ?? this.text.length;
  }

  /** The 0-based line that contains an offset. */
  lineOf(offset: number): number {
    return this.at(offset).line - 1;
  }
}
