// The relay's broadcast frame (`0 2 update`) is written without lib0's encoder, once per update:
// it must be byte for byte what y-protocols writes, for every length class of lib0's varuint.
import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as sync from 'y-protocols/sync';
import { decodeFrame, encodeUpdate } from '../../server/protocol.ts';

const reference = (update: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  sync.writeUpdate(e, update);
  return encoding.toUint8Array(e);
};

describe('update frames', () => {
  it('are what y-protocols writes, and decode back to the update', () => {
    for (const length of [0, 1, 2, 127, 128, 129, 16_383, 16_384, 16_385, 2_097_151, 2_097_152, 3_000_000]) {
      const update = new Uint8Array(length).map((_, i) => (i * 31 + length) & 0xff);
      const frame = encodeUpdate(update);
      expect(Buffer.from(frame).equals(reference(update)), `length ${length}`).toBe(true);
      const decoded = decodeFrame(frame);
      expect(decoded.kind).toBe('update');
      expect(decoded.kind === 'update' && Buffer.from(decoded.update).equals(update), `length ${length}`).toBe(true);
    }
  });
});
