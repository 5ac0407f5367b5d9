// The junk the attack scripts send: one chain of `say` intents by `author`, with correct ids and
// signatures that are 64 bytes of 7s (so every one fails its check), as [id, stored string].
//
//   const junk = junkChain(mallory, worldKey, 'harbor', 15_814);
import type { Identity } from '../../../src/sync/intent/identity.ts';
import { createIntent } from '../../../src/sync/intent/intent.ts';
import { worldIdOf } from '../../../src/sync/world/world-key.ts';

export function junkChain(author: Identity, worldKey: string, zone: string, n: number, textLength = 120): [string, string][] {
  const out: [string, string][] = [];
  let prev: string | null = null;
  for (let i = 0; i < n; i++) {
    const j = createIntent(author, { world: worldIdOf(worldKey), zone, seq: i + 1, prev, turn: i + 1, at: i, action: { kind: 'say', text: `junk ${i} `.padEnd(textLength, 'x') } }, () => new Uint8Array(64).fill(7));
    out.push([j.id, j.raw]);
    prev = j.id;
  }
  return out;
}
