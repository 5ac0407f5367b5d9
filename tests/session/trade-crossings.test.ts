/**
 * Offers between players across zone round trips (issue 17, trade settled atomically in the
 * fold), as two players typing on the quay meet them: Ana offers Bo her oilskin coat for his
 * healing draught; then one of them walks up to the village (another zone's document) and back
 * before Bo answers, or Ana walks off while Bo is accepting. What a player expects: an offer
 * lapses when either side leaves the room, coming back does not revive it, and whatever order
 * the deeds are folded in, the coat and the draught each end in exactly one pack, the same on
 * both players' screens. Through the memory relay (where the test holds messages back to make
 * the acceptance and the departure truly concurrent, each order forced by the Lamport turns) and
 * through the project's relay process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hashState, type GameEvent } from '../../src/engine/index.ts';
import type { Reply } from '../../src/session/index.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import type { RelayChoice } from '../../src/sync/world/relay-link.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { startProjectRelay, type RunningRelay } from '../sync/relay-helper.ts';
import { heard, joinShared, until } from './shared-players.ts';

type Player = Awaited<ReturnType<typeof joinShared>>;

let running: RunningRelay;
beforeAll(async () => {
  running = await startProjectRelay();
}, 30_000);
afterAll(async () => {
  await running?.stop();
});

const me = (p: Player) => p.world.state.players[p.world.player];
const count = (p: Player, item: string) => (me(p)?.inventory ?? []).filter((s) => s.item === item).reduce((n, s) => n + s.qty, 0);
const refusal = (r: Reply) => r.events.find((e): e is Extract<GameEvent, { type: 'refused' }> => e.type === 'refused');
/** The coat and the draught are each in exactly one of the two packs (wherever each player stands). */
const conserved = (ana: Player, bo: Player) => count(ana, 'oilskin-coat') + count(bo, 'oilskin-coat') === 1 && count(ana, 'healing-draught') + count(bo, 'healing-draught') === 1;

async function does(p: Player, line: string): Promise<Reply> {
  const r = await p.session.handle(line);
  expect(refusal(r), `${line}: ${r.text}`).toBeUndefined();
  expect(r.status, `${line}: ${r.text}`).toBe('ok');
  return r;
}

/** Ana with the coat and Bo with the draught on the quay; Ana offers the one for the other, and Bo sees it. */
async function offered(relay: RelayChoice): Promise<{ ana: Player; bo: Player }> {
  const worldKey = createWorldKey();
  const ana = await joinShared(relay, worldKey, 'Ana', { name: 'Market' });
  const bo = await joinShared(relay, worldKey, 'Bo');
  for (const line of ['in', 'take the coat', 'out']) await does(ana, line);
  for (const line of ['in', 'take the draught', 'out']) await does(bo, line);
  await until(() => me(ana)?.location === 'harbor-quay' && bo.world.state.players[ana.world.player]?.location === 'harbor-quay');
  await until(() => ana.world.state.players[bo.world.player]?.location === 'harbor-quay');
  const offer = await does(ana, 'offer bo my coat for a healing draught');
  expect(offer.text).toBe('You offer Bo an oilskin coat for a healing draught.\n(Bo can ACCEPT or DECLINE. The offer stands for two minutes, while you both stay here.)');
  await until(() => bo.world.state.offers?.[ana.world.player] !== undefined);
  return { ana, bo };
}

/** Both packs as they were before the offer: nothing moved. */
function unchanged(ana: Player, bo: Player): void {
  expect([count(ana, 'oilskin-coat'), count(ana, 'healing-draught'), count(bo, 'oilskin-coat'), count(bo, 'healing-draught')]).toEqual([1, 0, 0, 1]);
}

const relays: [string, () => { relay: RelayChoice; memory?: MemoryRelay; close(): void }][] = [
  ['the memory relay', () => {
    const memory = new MemoryRelay();
    return { relay: memory.connect, memory, close: () => memory.close() };
  }],
  ['the project relay', () => ({ relay: { url: running.url, WebSocketPolyfill: WebSocket }, close: () => {} })],
];

describe.each(relays)('an offer across zone round trips, through %s', (_name, make) => {
  it.each(['Ana', 'Bo'] as const)('lapses when %s walks to the village and back before the answer: accept finds no offer, and nothing moves', async (walker) => {
    const { relay, close } = make();
    try {
      const { ana, bo } = await offered(relay);
      const p = walker === 'Ana' ? ana : bo;
      expect((await does(p, 'north')).observation.location?.id).toBe('village-square');
      expect((await does(p, 'south')).observation.location?.id).toBe('harbor-quay');
      await until(() => bo.world.state.players[ana.world.player]?.location === 'harbor-quay' && ana.world.state.players[bo.world.player]?.location === 'harbor-quay');
      await until(() => bo.world.state.offers === undefined && ana.world.state.offers === undefined);
      const answer = await bo.session.handle('accept');
      expect(answer.status).toBe('refused');
      expect(refusal(answer)?.reason).toBe('trade/no-offer');
      expect(answer.text).toBe('Nobody has offered you anything (an offer lapses after two minutes, or when either of you leaves).');
      await until(() => ana.world.state.tick === bo.world.state.tick);
      unchanged(ana, bo);
      expect(hashState(ana.world.state)).toBe(hashState(bo.world.state));
    } finally {
      close();
    }
  }, 60_000);

  it('lapses when Ana has gone before Bo answers: the acceptance finds no offer, and nothing moves', async () => {
    const { relay, close } = make();
    try {
      const { ana, bo } = await offered(relay);
      await does(ana, 'north');
      await until(() => bo.world.state.players[ana.world.player] === undefined);
      const answer = await bo.session.handle('accept');
      expect(answer.status).toBe('refused');
      expect(refusal(answer)?.reason).toBe('trade/no-offer');
      unchanged(ana, bo);
      // Ana comes back: her offer is not revived.
      await does(ana, 'south');
      await until(() => bo.world.state.players[ana.world.player]?.location === 'harbor-quay');
      expect(refusal(await bo.session.handle('accept'))?.reason).toBe('trade/no-offer');
      unchanged(ana, bo);
    } finally {
      close();
    }
  }, 60_000);
});

describe.each(relays)('an acceptance racing the offerer out of the zone, through %s', (_name, make) => {
  it('whichever the fold puts first, the coat and the draught each end in one pack, and both players see the same', async () => {
    const { relay, close } = make();
    try {
      const { ana, bo } = await offered(relay);
      // Typed at the same moment: neither client has seen the other's deed when it signs its own.
      const [accepted, gone] = await Promise.all([bo.session.handle('accept'), ana.session.handle('north')]);
      expect(gone.observation.location?.id).toBe('village-square');
      expect(accepted.status).toMatch(/^(ok|refused)$/);
      await until(() => conserved(ana, bo) && bo.world.state.players[ana.world.player] === undefined, 10_000);
      const tradedNow = count(bo, 'oilskin-coat') === 1;
      expect([count(ana, 'oilskin-coat'), count(ana, 'healing-draught'), count(bo, 'oilskin-coat'), count(bo, 'healing-draught')]).toEqual(tradedNow ? [0, 1, 1, 0] : [1, 0, 0, 1]);
      await does(ana, 'south');
      await until(() => bo.world.state.players[ana.world.player]?.location === 'harbor-quay' && ana.world.state.tick === bo.world.state.tick, 10_000);
      expect(hashState(ana.world.state)).toBe(hashState(bo.world.state));
      expect(conserved(ana, bo)).toBe(true);
      // Back on the quay, the old offer is gone either way.
      expect(refusal(await bo.session.handle('accept'))?.reason).toBe('trade/no-offer');
    } finally {
      close();
    }
  }, 60_000);
});

describe('an acceptance concurrent with the offerer leaving the zone (memory relay, messages held back)', () => {
  /**
   * Bo accepts on his screen while Ana, who has not seen it, walks north into the village. Which
   * deed comes first is the fold's order: `first` forces it through the Lamport turns (whoever
   * did one deed more that the other had not seen signs the later turn).
   */
  it.each(['the acceptance', 'the departure'] as const)('when %s is folded first, the coat and the draught each end in one pack, the same for both', async (first) => {
    const memory = new MemoryRelay();
    try {
      const { ana, bo } = await offered(memory.connect);
      await until(() => ana.world.state.tick === bo.world.state.tick);
      memory.manual = true;
      // A deed the other does not see yet puts the doer's next intent a turn later.
      if (first === 'the acceptance') await does(ana, 'wait');
      else await does(bo, 'wait');
      const accepted = await does(bo, 'accept');
      // On Bo's screen at once (local-first): he has the coat.
      expect(accepted.text).toBe('You shake on it with Ana: you hand over a healing draught and receive an oilskin coat.');
      expect(count(bo, 'oilskin-coat')).toBe(1);
      const gone = await does(ana, 'north');
      expect(gone.observation.location?.id).toBe('village-square');
      expect(count(ana, 'oilskin-coat')).toBe(1);
      memory.manual = false;
      memory.flush();
      // Once everything is delivered (and Ana's client has settled her crossing), the two agree.
      await until(() => conserved(ana, bo), 10_000);
      if (first === 'the acceptance') {
        // The trade stood: Ana walked into the village with the draught, not the coat, and is told.
        expect([count(ana, 'healing-draught'), count(bo, 'oilskin-coat')]).toEqual([1, 1]);
        expect(bo.world.state.players[ana.world.player]).toBeUndefined();
        // Told who took her offer, though she had left the quay by the time her client folded it.
        const told = await heard(ana.session, 'Bo accepted your offer at the Harbor of Vetrellis before you left: you handed over an oilskin coat and received a healing draught.');
        const changed = 'The oilskin coat is no longer in your pack and you have a healing draught after all.';
        if (!told.some((l) => l.includes(changed))) await heard(ana.session, changed);
      } else {
        // Ana had gone: the acceptance is refused where it is folded, and Bo is told why his pack changed.
        unchanged(ana, bo);
        await heard(bo.session, 'Your trade with Ana did not stand; the oilskin coat is no longer in your pack and you have a healing draught after all.');
      }
      const boThen = bo.world.state;
      await does(ana, 'south');
      await until(() => bo.world.state.players[ana.world.player]?.location === 'harbor-quay' && ana.world.state.tick === bo.world.state.tick);
      expect(hashState(ana.world.state)).toBe(hashState(bo.world.state));
      expect(conserved(ana, bo)).toBe(true);
      expect(boThen.offers).toBeUndefined();
    } finally {
      memory.close();
    }
  }, 60_000);
});
