// The OPA Wasm ABI version a policy module declares (its exported `opa_wasm_abi_version` and
// `opa_wasm_abi_minor_version` globals), read from the module's bytes without compiling it.
import { InputError } from '../errors.js';

/**
 * The ABI versions kiteguard runs: the SDK loads major version 1 only, and these minor versions are the ones
 * OPA lists in its capabilities (1.1, 1.2) plus 1.3, which the pinned OPA emits and every test runs.
 */
export const SUPPORTED_ABI: readonly { version: number; minor_version: number }[] = [
  { version: 1, minor_version: 1 },
  { version: 1, minor_version: 2 },
  { version: 1, minor_version: 3 },
];

/** One exported i32 constant global: its value and where its immediate sits in the module. */
export interface AbiGlobal {
  value: number;
  offset: number;
  length: number;
}

/** The module's ABI globals (undefined when it does not export them); a malformed module throws an Error. */
export function readAbiGlobals(wasm: Uint8Array): { version?: AbiGlobal; minor?: AbiGlobal } {
  const r = new Reader(wasm);
  if (r.u32le() !== 0x6d736100 || r.u32le() !== 1) throw new Error('not a WebAssembly module');
  let importedGlobals = 0;
  const globals: AbiGlobal[] = [];
  const exported = new Map<string, number>();
  while (!r.done()) {
    const id = r.byte();
    const size = r.uleb();
    const end = r.pos + size;
    if (id === 2) {
      for (let n = r.uleb(); n > 0; n--) {
        r.skip(r.uleb());
        r.skip(r.uleb());
        const kind = r.byte();
        if (kind === 0) r.uleb();
        else if (kind === 1) (r.byte(), r.limits());
        else if (kind === 2) r.limits();
        else if (kind === 3) (r.skip(2), importedGlobals++);
        else throw new Error(`unknown import kind ${kind}`);
      }
    } else if (id === 6) {
      for (let n = r.uleb(); n > 0; n--) {
        r.skip(2);
        globals.push(r.constExpr());
      }
    } else if (id === 7) {
      for (let n = r.uleb(); n > 0; n--) {
        const length = r.uleb();
        const name = Buffer.from(wasm.subarray(r.pos, r.pos + length)).toString('utf8');
        r.skip(length);
        const kind = r.byte();
        const index = r.uleb();
        if (kind === 3) exported.set(name, index);
      }
    }
    r.pos = end;
  }
  const global = (name: string): AbiGlobal | undefined => {
    const index = exported.get(name);
    return index === undefined ? undefined : globals[index - importedGlobals];
  };
  const out: { version?: AbiGlobal; minor?: AbiGlobal } = {};
  const version = global('opa_wasm_abi_version');
  const minor = global('opa_wasm_abi_minor_version');
  if (version) out.version = version;
  if (minor) out.minor = minor;
  return out;
}

/** Refuses a policy module whose ABI version the SDK does not support; an InputError (exit 2) naming `source`. */
export function checkAbi(wasm: Uint8Array, source: string): void {
  const fail = (reason: string): never => {
    throw new InputError(`policy bundle rejected: ${reason}`, { file: source });
  };
  let abi: ReturnType<typeof readAbiGlobals> = {};
  try {
    abi = readAbiGlobals(wasm);
  } catch (err) {
    fail(`policy.wasm is not a valid WebAssembly module (${(err as Error).message})`);
  }
  const supported = SUPPORTED_ABI.map((v) => `${v.version}.${v.minor_version}`).join(', ');
  if (!abi.version || !abi.minor) fail(`policy.wasm declares no OPA Wasm ABI version (supported: ${supported})`);
  const found = `${abi.version?.value}.${abi.minor?.value}`;
  if (!SUPPORTED_ABI.some((v) => v.version === abi.version?.value && v.minor_version === abi.minor?.value)) {
    fail(`policy.wasm uses OPA Wasm ABI ${found}, which this kiteguard does not run (supported: ${supported}); build it with this kiteguard's \`policy build\` and OPA`);
  }
}

class Reader {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
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
  constExpr(): AbiGlobal {
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
