// Generators of malformed y-websocket frames for fuzz tests: random bytes, truncated varints,
// absurd lengths, unknown message types, wrong sync steps, garbage Yjs updates, bad awareness.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** mulberry32: small, seeded, deterministic. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const bytes = (random: () => number, n: number): Uint8Array => {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(random() * 256);
  return out;
};

const frame = (write: (e: encoding.Encoder) => void): Uint8Array => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

const validUpdate = (() => {
  const doc = new Y.Doc();
  doc.getArray('log').push(['x']);
  doc.getMap('m').set('k', 'v');
  return Y.encodeStateAsUpdate(doc);
})();

export const THIRTY_TWO_MB = 32 * 1024 * 1024;

const kinds: Array<(random: () => number) => Uint8Array> = [
  // random bytes
  (r) => bytes(r, 1 + Math.floor(r() * 64)),
  // a truncated varint (continuation bit set, then nothing)
  (r) => new Uint8Array([0x80 | Math.floor(r() * 128), 0xff, 0xff].slice(0, 1 + Math.floor(r() * 3))),
  // a sync update that claims an absurd length
  () => new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]),
  // unknown outer message types
  (r) => frame((e) => { encoding.writeVarUint(e, 4 + Math.floor(r() * 1000)); encoding.writeVarUint8Array(e, bytes(r, 8)); }),
  // unknown sync step
  (r) => frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 3 + Math.floor(r() * 50)); encoding.writeVarUint8Array(e, bytes(r, 4)); }),
  // a sync update with random payload bytes
  (r) => frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 2); encoding.writeVarUint8Array(e, bytes(r, 1 + Math.floor(r() * 48))); }),
  // a valid update, corrupted in one byte, then truncated
  (r) => {
    const u = validUpdate.slice(0, Math.max(1, Math.floor(r() * validUpdate.length)));
    u[Math.floor(r() * u.length)] = Math.floor(r() * 256);
    return frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, r() < 0.5 ? 1 : 2); encoding.writeVarUint8Array(e, u); });
  },
  // a sync step 1 with a garbage state vector
  (r) => frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 0); encoding.writeVarUint8Array(e, new Uint8Array([0xff, 0xff, 0xff, 0x7f, ...bytes(r, 6)])); }),
  // awareness with garbage inside
  (r) => frame((e) => { encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, bytes(r, 1 + Math.floor(r() * 32))); }),
  // awareness with a JSON state that does not parse
  (r) => frame((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, frame((a) => { encoding.writeVarUint(a, 1); encoding.writeVarUint(a, Math.floor(r() * 1e6)); encoding.writeVarUint(a, 1); encoding.writeVarString(a, '{not json'); }));
  }),
  // trailing bytes after a valid envelope
  (r) => frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 2); encoding.writeVarUint8Array(e, validUpdate); encoding.writeUint8Array(e, bytes(r, 3)); }),
  // empty frame
  () => new Uint8Array(0),
];

export const KIND_COUNT = kinds.length;

/** `count` malformed frames; with hugeFrame, the first one is a 32 MB frame. */
export function* malformedFrames(random: () => number, count: number, options: { hugeFrame: boolean }): Generator<Uint8Array> {
  let i = 0;
  if (options.hugeFrame) {
    yield new Uint8Array(THIRTY_TWO_MB).fill(7);
    i++;
  }
  for (; i < count; i++) yield kinds[Math.floor(random() * kinds.length)]!(random);
}
