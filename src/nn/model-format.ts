// Saved models: a versioned JSON document whose weights are the float64 bytes in base64
// (little-endian), so a save/load round trip is exact to the bit. Reading checks
// everything a hand-edited or truncated file can get wrong.
import { decodeBase64, encodeBase64 } from '../base64.js';
import { DataError } from '../errors.js';
import { activationFromName } from './activations.js';
import { Matrix } from '../linalg/matrix.js';
import { checkDims, type Network } from './network.js';

export const MODEL_FORMAT = 'initlab-model';
export const MODEL_VERSION = 1;

export interface ModelMeta {
  init?: string;
  seed?: number;
  learningRate?: number;
  iterations?: number;
  trainData?: string;
  createdBy?: string;
}

interface MatrixJson {
  shape: [number, number];
  float64: string;
}

export interface ModelJson {
  format: typeof MODEL_FORMAT;
  version: number;
  dims: number[];
  activations: string[];
  parameters: Record<string, MatrixJson>;
  meta: ModelMeta;
}

const littleEndian = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;

function encode(m: Matrix): MatrixJson {
  const bytes = new Uint8Array(m.data.slice().buffer);
  if (!littleEndian) for (let i = 0; i < bytes.length; i += 8) bytes.subarray(i, i + 8).reverse();
  return { shape: [m.rows, m.cols], float64: encodeBase64(bytes) };
}

export function modelToJson(net: Network, meta: ModelMeta = {}): ModelJson {
  const parameters: Record<string, MatrixJson> = {};
  net.W.forEach((w, l) => {
    parameters[`W${l + 1}`] = encode(w);
    parameters[`b${l + 1}`] = encode(net.b[l]);
  });
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    dims: [...net.dims],
    activations: net.activations.map((a) => a.name),
    parameters,
    meta,
  };
}

export const serializeModel = (net: Network, meta: ModelMeta = {}): string =>
  `${JSON.stringify(modelToJson(net, meta), null, 1)}\n`;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a saved model; every problem is a DataError that names the file and the field. */
export function parseModel(text: string, source = 'model'): { network: Network; meta: ModelMeta } {
  const fail = (what: string): never => {
    throw new DataError(`${source}: ${what}`);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    fail(`not valid JSON (${(e as Error).message}); the file may be truncated`);
  }
  if (!isRecord(doc) || doc.format !== MODEL_FORMAT)
    return fail(`not an initlab model (no "format": "${MODEL_FORMAT}")`);
  if (doc.version !== MODEL_VERSION)
    fail(
      `model format version ${JSON.stringify(doc.version)} is not supported; this initlab reads version ${MODEL_VERSION}`,
    );
  const dims = doc.dims;
  if (!Array.isArray(dims) || !dims.every((d) => Number.isInteger(d) && d >= 1) || dims.length < 2)
    return fail('"dims" must be a list of at least two layer sizes >= 1');
  checkDims(dims as number[]);
  const names = doc.activations;
  if (
    !Array.isArray(names) ||
    names.length !== dims.length - 1 ||
    !names.every((n) => typeof n === 'string')
  )
    return fail(`"activations" must name ${dims.length - 1} activations`);
  const activations = (names as string[]).map((n, l) => {
    try {
      return activationFromName(n);
    } catch (e) {
      return fail(`layer ${l + 1}: ${(e as Error).message}`);
    }
  });
  if (activations[activations.length - 1].name !== 'sigmoid')
    fail('the output layer must be sigmoid');
  const params = doc.parameters;
  if (!isRecord(params)) return fail('"parameters" is missing');
  const matrix = (key: string, rows: number, cols: number): Matrix => {
    const m = params[key];
    if (!isRecord(m)) return fail(`parameters.${key} is missing`);
    const shape = m.shape;
    if (!Array.isArray(shape) || shape[0] !== rows || shape[1] !== cols)
      fail(`parameters.${key} must have shape [${rows}, ${cols}], got ${JSON.stringify(shape)}`);
    if (typeof m.float64 !== 'string')
      return fail(`parameters.${key}.float64 must be a base64 string`);
    let bytes: Uint8Array;
    try {
      bytes = decodeBase64(m.float64);
    } catch {
      return fail(`parameters.${key}.float64 is not valid base64`);
    }
    if (bytes.length !== rows * cols * 8)
      fail(
        `parameters.${key} holds ${Math.floor(bytes.length / 8)} values, expected ${rows * cols}`,
      );
    if (!littleEndian) for (let i = 0; i < bytes.length; i += 8) bytes.subarray(i, i + 8).reverse();
    const data = new Float64Array(bytes.buffer, bytes.byteOffset, rows * cols).slice();
    const bad = data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0)
      fail(
        `parameters.${key} has a non-finite value (${data[bad]}) at row ${Math.floor(bad / cols) + 1}, column ${(bad % cols) + 1}`,
      );
    return new Matrix(rows, cols, data);
  };
  const W: Matrix[] = [];
  const b: Matrix[] = [];
  for (let l = 1; l < dims.length; l++) {
    W.push(matrix(`W${l}`, dims[l], dims[l - 1]));
    b.push(matrix(`b${l}`, dims[l], 1));
  }
  const meta = isRecord(doc.meta) ? (doc.meta as ModelMeta) : {};
  return { network: { dims: dims as number[], activations, W, b }, meta };
}
