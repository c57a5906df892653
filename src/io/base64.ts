// Base64 (RFC 4648 §4, with padding) for byte arrays, without Node's Buffer or the DOM's
// btoa/atob (which need a binary string the size of the data): used by the VTK XML writer/reader.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let k = 0; k < 64; k++) DECODE[ALPHABET.charCodeAt(k)] = k;

/** Base64 text of the bytes. */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const codes = new Uint16Array(4 * 4096);   // 3·4096 input bytes → 4·4096 characters per piece
  const n = bytes.length;
  for (let start = 0; start < n; start += 3 * 4096) {
    const end = Math.min(n, start + 3 * 4096);
    let c = 0;
    for (let i = start; i < end; i += 3) {
      const b0 = bytes[i], b1 = i + 1 < end ? bytes[i + 1] : 0, b2 = i + 2 < end ? bytes[i + 2] : 0;
      codes[c++] = ALPHABET.charCodeAt(b0 >> 2);
      codes[c++] = ALPHABET.charCodeAt(((b0 & 3) << 4) | (b1 >> 4));
      codes[c++] = i + 1 < end ? ALPHABET.charCodeAt(((b1 & 15) << 2) | (b2 >> 6)) : 61;
      codes[c++] = i + 2 < end ? ALPHABET.charCodeAt(b2 & 63) : 61;
    }
    parts.push(String.fromCharCode.apply(null, codes.subarray(0, c) as unknown as number[]));
  }
  return parts.join('');
}

/** Bytes of base64 text (whitespace ignored). Throws on a character outside the alphabet. */
export function decodeBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let acc = 0, bits = 0, o = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 61) break;                                  // '=' padding ends the data
    if (ch === 32 || ch === 10 || ch === 13 || ch === 9) continue;
    const v = ch < 128 ? DECODE[ch] : -1;
    if (v < 0) throw new RangeError(`invalid base64 character '${String.fromCharCode(ch)}' at offset ${i}`);
    acc = (acc << 6) | v; bits += 6;
    if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 0xff; }
  }
  return out.subarray(0, o);
}
