// Choosing a kernel backend: wasm (SIMD) wherever it runs, the TypeScript reference otherwise.
import { UsageError } from '../errors.js';
import { type Kernels, tsKernels } from './kernels.js';
import { createWasmKernels, wasmSimdSupported } from './wasm-kernels.js';

/** A kernel backend: `ts` (the TypeScript reference) or `wasm` (WebAssembly SIMD). */
export type BackendName = 'ts' | 'wasm';
/** Every backend name. */
export const backendNames: BackendName[] = ['ts', 'wasm'];

let wasm: Kernels | undefined;

/**
 * The kernels of a backend: `auto` takes wasm where the engine has WebAssembly SIMD, else ts.
 * Both give the same numbers, bit for bit.
 * @throws UsageError for `wasm` where it cannot run, or an unknown name
 */
export function getKernels(name: BackendName | 'auto' = 'auto'): Kernels {
  if (name === 'ts') return tsKernels;
  if (name === 'wasm' || name === 'auto') {
    if (wasmSimdSupported()) return (wasm ??= createWasmKernels());
    if (name === 'wasm')
      throw new UsageError(
        '--backend wasm: this JavaScript engine has no WebAssembly SIMD; use --backend ts',
      );
    return tsKernels;
  }
  throw new UsageError(`unknown backend "${name}"; accepted: ${backendNames.join(', ')}`);
}
