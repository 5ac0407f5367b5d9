// The fold's speed work must not change what it computes: a long recorded log of guided play on
// the living isle's real content is folded by this checkout's engine and by the engine as it stood
// before that work (REFERENCE in reference-engine.ts, read from git into .tmp/), and every
// intent's events and the state hash every 500 intents must be the same. Both engines read the
// isle's content as it stood at REFERENCE, each with its own loader, so later content edits do not
// move the comparison. A change to the rules that is meant to change outcomes moves REFERENCE to a
// commit with the new rules (and says so), as a pinned hash would be updated.
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/content/node-load.ts';
import * as engine from '../../src/engine/index.ts';
import type { EngineIntent, GameState } from '../../src/engine/index.ts';
import { validLog } from './guided-play.ts';
import { referenceEngine } from './reference-engine.ts';

const SEED = 20_260_522;

describe('the fold computes what it computed before it was made faster', () => {
  it('10,000 intents of guided play on the isle: the same events for every intent, the same hash every 500', async () => {
    const { engine: ref, loadContentDir: loadTheirs, contentDir } = await referenceEngine();
    const mine = loadContentDir(contentDir);
    const theirs = loadTheirs(contentDir);
    const log: EngineIntent[] = validLog(mine, SEED, 10_000, ['p1', 'p2', 'p3', 'p4']);
    let a: GameState = engine.createWorld(mine, SEED);
    let b: GameState = ref.createWorld(theirs, SEED);
    expect(engine.hashState(a)).toBe(ref.hashState(b));
    let compared = 0;
    log.forEach((intent, n) => {
      const x = engine.apply(mine, a, intent);
      const y = ref.apply(theirs, b, intent);
      a = x.state;
      b = y.state;
      if (JSON.stringify(x.events) !== JSON.stringify(y.events)) {
        expect.fail(`intent ${n} (${JSON.stringify(intent.action)}): events differ\n${JSON.stringify(x.events)}\n${JSON.stringify(y.events)}`);
      }
      if (n % 500 === 499) {
        expect(engine.hashState(a), `state hash after ${n + 1} intents`).toBe(ref.hashState(b));
        compared++;
      }
    });
    expect(compared).toBe(20);
    expect(a.tick).toBe(10_000);
  }, 120_000);
});
