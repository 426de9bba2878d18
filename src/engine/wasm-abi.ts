// The OPA Wasm ABI version a policy module declares (its exported `opa_wasm_abi_version` and
// `opa_wasm_abi_minor_version` globals), read from the module's bytes without compiling it.
import { InputError } from '../errors.js';
import { WasmReader, type ConstantInit } from './wasm-reader.js';

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
export type AbiGlobal = ConstantInit;

/** The module's ABI globals (undefined when it does not export them); a malformed module throws an Error. */
export function readAbiGlobals(wasm: Uint8Array): { version?: AbiGlobal; minor?: AbiGlobal } {
  const r = new WasmReader(wasm);
  let importedGlobals = 0;
  const globals: AbiGlobal[] = [];
  const exported = new Map<string, number>();
  for (const id of r.sections()) {
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
