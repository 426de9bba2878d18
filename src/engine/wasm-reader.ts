// A reader of WebAssembly module bytes, for what kiteguard reads from a policy module without compiling it
// (its ABI version globals, wasm-abi.ts; how much memory its data needs, wasm-data.ts).

/** A constant initializer: its value when it is `i32.const` (else NaN) and where its immediate sits in the module. */
export interface ConstantInit {
  value: number;
  offset: number;
  length: number;
}

/** Reads a WebAssembly module's bytes: LEB128 integers, limits and constant initializers; past the end it throws an Error. */
export class WasmReader {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
  /** Checks the module header, then yields each section's id with the reader at its contents; the next starts after it whatever was read. */
  *sections(): Generator<number> {
    if (this.u32le() !== 0x6d736100 || this.u32le() !== 1) throw new Error('not a WebAssembly module');
    while (!this.done()) {
      const id = this.byte();
      const size = this.uleb();
      const end = this.pos + size;
      yield id;
      this.pos = end;
    }
  }
  done(): boolean {
    return this.pos >= this.bytes.length;
  }
  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error('unexpected end of module');
    return this.bytes[this.pos++] as number;
  }
  skip(n: number): void {
    this.pos += n;
  }
  u32le(): number {
    return (this.byte() | (this.byte() << 8) | (this.byte() << 16) | (this.byte() << 24)) >>> 0;
  }
  uleb(): number {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
      if (shift > 28) throw new Error('integer too long');
    }
  }
  sleb(): number {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      b = this.byte();
      if (shift < 32) result |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    return shift < 32 && b & 0x40 ? result | (-1 << shift) : result;
  }
  limits(): void {
    const flags = this.byte();
    this.uleb();
    if (flags & 1) this.uleb();
  }
  /** A constant initializer: its value when it is `i32.const`, else NaN. */
  constExpr(): ConstantInit {
    const op = this.byte();
    const offset = this.pos;
    let value = Number.NaN;
    if (op === 0x41) value = this.sleb();
    else if (op === 0x42) this.sleb();
    else if (op === 0x23) this.uleb();
    else if (op === 0x43) this.skip(4);
    else if (op === 0x44) this.skip(8);
    else throw new Error(`unsupported global initializer 0x${op.toString(16)}`);
    const length = this.pos - offset;
    if (this.byte() !== 0x0b) throw new Error('global initializer is not a single constant');
    return { value, offset, length };
  }
}
