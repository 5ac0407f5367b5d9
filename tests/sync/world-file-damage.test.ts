/**
 * A damaged world file is refused with a reason a person can read (src/sync/world/world-file.ts).
 * The file's shape is checked with zod/mini, whose messages are English only when asked for:
 * this file imports nothing but world-file.ts, so a message here comes from its own setup.
 */
import { describe, expect, it } from 'vitest';
import { readWorldFile, WORLD_FILE_FORMAT } from '../../src/sync/world/world-file.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';

const zones = ['harbor'];
const refusal = (file: unknown) => {
  try {
    readWorldFile(JSON.stringify(file), zones);
  } catch (err) {
    return (err as Error).message;
  }
  return 'accepted';
};

describe('a damaged world file', () => {
  const whole = { format: WORLD_FILE_FORMAT, name: "Ana's isle", worldKey: createWorldKey(), relay: null, docs: {} };

  it('names the part that is wrong, in words', () => {
    const { name: _, ...nameless } = whole;
    expect(refusal(nameless)).toBe('this world file is damaged: name: Invalid input: expected string, received undefined');
    expect(refusal({ ...whole, relay: 8080 })).toBe('this world file is damaged: relay: Invalid input: expected string, received number');
    expect(refusal({ ...whole, worldKey: 'letmein' })).toBe('this world file is damaged: worldKey: not a world key');
    expect(refusal({ ...whole, docs: { root: 7 } })).toBe('this world file is damaged: docs.root: Invalid input: expected string, received number');
    expect(refusal({ ...whole, extra: true })).toBe('this world file is damaged: the file: Unrecognized key: "extra"');
  });

  it('that passes the shape check still needs its root document', () => {
    expect(refusal(whole)).toBe("this world file is damaged: it holds no root document (the world's name and players)");
  });
});
