// How much memory a policy module's data needs, read from its bytes without compiling it: OPA's compiler
// declares the same minimum memory whatever its data, and the host gives the module its memory, so a module
// whose data (strings of its rules, entrypoints and literals) reaches past the memory given fails to instantiate.
import { WasmReader } from './wasm-reader.js';

/** Wasm pages (64 KiB) the module's active data segments reach; 0 for bytes that are not a module it can read. */
export function dataPages(wasm: Uint8Array): number {
  try {
    return Math.ceil(dataEnd(wasm) / 65536);
  } catch {
    // A malformed module: the SDK's compilation says what is wrong with it.
    return 0;
  }
}

// The first byte past the module's last active data segment with a constant offset.
function dataEnd(wasm: Uint8Array): number {
  const r = new WasmReader(wasm);
  let end = 0;
  for (const id of r.sections()) {
    if (id === 11) {
      for (let n = r.uleb(); n > 0; n--) {
        const flags = r.uleb();
        if (flags === 2) r.uleb();
        // A passive segment (flags 1) is copied by the code, not at instantiation.
        const offset = flags === 1 ? Number.NaN : r.constExpr().value;
        const length = r.uleb();
        r.skip(length);
        if (!Number.isNaN(offset)) end = Math.max(end, (offset >>> 0) + length);
      }
    }
  }
  return end;
}
