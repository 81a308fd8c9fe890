// Bytes as base64 text and back, with the atob/btoa that Node and browsers share (no Buffer).

/** `bytes` as base64 text, converted in chunks so a large array never overflows the call stack. */
export function encodeBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * The bytes base64 `text` stands for.
 * @throws DOMException (InvalidCharacterError) when `text` is not base64
 */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
