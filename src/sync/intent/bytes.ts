/**
 * Byte and hash helpers shared by the sync layer: sha256 as hex, base64url, UTF-8.
 * Pure and identical in Node and browsers (noble hashes, no platform crypto), so ids and
 * ordering hashes never depend on where they were computed.
 *
 *   sha256Hex('abc') // 'ba7816bf…'
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

export { bytesToHex, hexToBytes, utf8ToBytes };

/** Node's native one-shot sha256 (`crypto.hash`, Node >= 20.12) when running in Node: same digest,
 * several times faster than noble, and no Hash object per call (ids, lotteries and memo keys
 * hash one short string each, many thousands of times per fold). */
type NodeOneShot = (alg: 'sha256', data: string | Uint8Array, enc: 'hex') => string;
interface NodeHash {
  update(data: string | Uint8Array): NodeHash;
  digest(enc: 'hex'): string;
}
const nodeSha256Hex: ((input: string | Uint8Array) => string) | null = (() => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('node:crypto') as { hash?: NodeOneShot; createHash?: (alg: string) => NodeHash } | undefined;
  if (mod?.hash) {
    const hash = mod.hash;
    return (input) => hash('sha256', input, 'hex');
  }
  if (mod?.createHash) {
    const createHash = mod.createHash;
    return (input) => createHash('sha256').update(input).digest('hex');
  }
  return null;
})();

export function sha256Hex(input: string | Uint8Array): string {
  if (nodeSha256Hex) return nodeSha256Hex(input);
  return bytesToHex(sha256(typeof input === 'string' ? utf8ToBytes(input) : input));
}

export function sha256Bytes(input: string | Uint8Array): Uint8Array {
  return sha256(typeof input === 'string' ? utf8ToBytes(input) : input);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]!;
  }
  return out;
}

/** Strict base64url decoding (no padding); null for anything malformed or non-canonical. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? B64_INDEX[c]! : -1;
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  // Leftover bits must be zero, so each byte string has exactly one encoding.
  if ((acc & ((1 << bits) - 1)) !== 0) return null;
  return out.subarray(0, o);
}

export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  globalThis.crypto.getRandomValues(out);
  return out;
}
