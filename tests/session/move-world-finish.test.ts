// MOVE WORLD FINISH (issue 19): a move that could not complete is finished later by the owner.
// Ana owns the world, Bo and Mal play in it, each on a kept world, through the memory relay and
// the project's relay (a process). The relay cannot be reached for the new world's documents as
// Ana moves it (her device reaches the old world and the new world's root only), so the old isle
// is frozen but nothing is carried: she is told so and how to finish. MOVE WORLD FINISH before
// any move, halfway on a device that does not remember the move (it asks whom she left out),
// halfway after her own client restarted (it remembers, from her kept folder, and goes on), once
// the relay is back (to the key the move began with: Bo follows, Mal is left behind), and again
// after that: one clear line for each.
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MemoryLink } from '../../src/sync/world/memory-relay.ts';
import { neighbourZones } from '../../src/sync/world/neighbours.ts';
import { roomName, zoneDocName } from '../../src/sync/world/world-key.ts';
import type { RelayChoice, RelayConnector } from '../../src/sync/world/relay-link.ts';
import { linkWebsocket } from '../../src/sync/world/websocket-link.ts';
import { moveMemoryRoom, recallMove } from '../../src/sync/world/move-memory.ts';
import { FileDocStore } from '../../src/sync/world/node-doc-store.ts';
import { carryByCut } from '../../src/sync/world/move-world.ts';
import { FOLLOWED_NOTE } from '../../src/session/shared-world-backend.ts';
import { LEFT_BEHIND_TEXT } from '../../src/narrate/moved-lines.ts';
import { KeptWorld, anaBoMal, vetrellisContent } from './kept-world.ts';
import { RELAYS, relayForBlock, until } from '../sync/relay-pair.ts';

/**
 * A relay that, once `cutOff()` is called, cannot be reached for rooms this device had not opened
 * by then, but for the first one opened after (the new world's root), nor for rooms named to
 * `block()`: a socket to a port nobody listens on, or a memory link held disconnected.
 * `restore()` lets them through.
 */
function cutOffRelay(relay: RelayChoice): { readonly relay: RelayConnector; cutOff(): void; block(rooms: readonly string[]): void; restore(): void } {
  const seen = new Set<string>();
  const named = new Set<string>();
  let cut = false;
  let allowOne = false;
  const held: MemoryLink[] = [];
  const blocked = (room: string): boolean => {
    if (named.has(room)) return true;
    if (!cut || seen.has(room)) return false;
    if (allowOne) {
      allowOne = false;
      seen.add(room);
      return false;
    }
    return true;
  };
  const dead = new Set<string>();
  const Gated = class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super([...dead].some((room) => url.includes(room)) ? 'ws://127.0.0.1:9' : url, protocols);
    }
  };
  const connect: RelayConnector = (doc: Y.Doc, room: string) => {
    const stop = blocked(room);
    if (!stop) seen.add(room);
    if (typeof relay === 'function') {
      const link = relay(doc, room);
      if (stop && link instanceof MemoryLink) {
        link.disconnect();
        held.push(link);
      }
      return link;
    }
    if (stop) dead.add(room);
    return linkWebsocket(doc, room, { ...relay, WebSocketPolyfill: Gated });
  };
  return {
    relay: connect,
    cutOff: () => {
      cut = true;
      allowOne = true;
    },
    /** These rooms alone cannot be reached (until `restore`). */
    block: (rooms) => {
      for (const room of rooms) named.add(room);
    },
    restore: () => {
      cut = false;
      named.clear();
      dead.clear();
      for (const link of held.splice(0)) link.connect();
    },
  };
}

describe.each(RELAYS)('finishing a move, through %s', (_name, start) => {
  const relays = relayForBlock(start);

  it('a move the relay cut short is finished by MOVE WORLD FINISH, with one clear line for each outcome', async () => {
    const { relay, close } = relays();
    const gate = cutOffRelay(relay);
    const { ana, bo, mal } = await anaBoMal(relay, gate.relay);
    const oldKey = ana.worldKey;
    const say = async (k: KeptWorld, line: string) => (await k.session.handle(line)).text;
    try {
      await until(() => ana.backend.shared.roster().length === 3 && [ana, bo, mal].every((k) => ana.backend.shared.boxKeyOf(k.player) !== null));

      expect(await say(ana, 'move world finish')).toBe('There is no move to finish: this world is not being moved. MOVE WORLD tells you how to move it.');
      expect(await say(bo, 'move world finish')).toBe("Only the isle's maker can finish moving this world.");

      gate.cutOff();
      const cutShort = await say(ana, 'move world now without Mal');
      expect(cutShort).toContain('The old isle is frozen, but what happened on it could not be carried to the new link yet');
      expect(cutShort).toContain('Type MOVE WORLD FINISH to finish once you are back online.');
      expect(ana.backend.worldKey).toBe(oldKey);
      await until(() => bo.backend.shared.moved);
      expect(await say(bo, 'say still here')).toBe(LEFT_BEHIND_TEXT);

      // A device that does not remember the move (another of Ana's, or one whose memory of it is
      // gone: here the file is put aside while her client is closed) asks whom she left out.
      const memory = join(ana.dir, 'docs', `${moveMemoryRoom(oldKey)}.yupd`);
      const began = await recallMove(new FileDocStore(join(ana.dir, 'docs')), oldKey);
      expect(began.pending?.leaveOut).toEqual([mal.player]);
      await ana.goOffline();
      renameSync(memory, `${memory}.aside`);
      await ana.comeBack();
      expect(ana.backend.worldKey).toBe(oldKey);
      const asked = await say(ana, 'move world finish');
      expect(asked).toContain('does not know whom you meant to leave behind');
      expect(asked).toContain('MOVE WORLD FINISH WITHOUT NOBODY');

      // Ana's own client restarts halfway: it remembers the move (its new key, whom she left out)
      // and goes on with it. The relay is still out of reach: halfway again, and it says so.
      await ana.goOffline();
      renameSync(`${memory}.aside`, memory);
      await ana.comeBack();
      const again = await say(ana, 'move world finish');
      expect(again).not.toContain('does not know whom you meant to leave behind');
      expect(again).toContain('The old isle is frozen, but what happened on it could not be carried to the new link yet');

      // Restarted once more, with the relay back: the move finishes to the key it began with, Bo
      // follows with his character, and Mal stays behind without Ana naming her again.
      await ana.reopen();
      gate.restore();
      const finished = await say(ana, 'finish moving the world');
      expect(finished).toContain('The move is finished.');
      expect(finished).toContain('1 member follows you there by themselves: Bo.');
      expect(finished).toContain('Left behind: Mal (you left them out).');
      const newKey = ana.backend.worldKey;
      expect(newKey).toBe(began.pending?.newKey);
      await until(() => bo.backend.worldKey === newKey, 20_000);
      expect(bo.session.poll().map((l) => l.text)).toContain(FOLLOWED_NOTE);
      expect(bo.me).toBeDefined();
      expect(Object.values(ana.state.players).filter((p) => p.name === 'Bo')).toHaveLength(1);
      expect(await say(bo, 'say we made it')).toContain('we made it');
      expect(mal.backend.worldKey).toBe(oldKey);
      expect(await mal.backend.shared.movedTo()).toBeNull();
      // The finished move is forgotten: nothing is left to take up on the next start.
      expect(await recallMove(new FileDocStore(join(ana.dir, 'docs')), oldKey)).toEqual({ pending: null, unfrozen: null });

      // Finishing again changes nothing, and says why.
      expect(await say(ana, 'move world finish')).toBe("The move is finished already: this is the world's new link, and SHARE gives it.");
      expect(ana.backend.worldKey).toBe(newKey);
    } finally {
      for (const k of [ana, bo, mal]) await k.dispose();
      close();
    }
  }, 120_000);

  it('a device that stops after the new world is written and before any pointer is signed finishes that move when it opens again', async () => {
    const { relay, close } = relays();
    const { ana, bo, mal } = await anaBoMal(relay);
    const oldKey = ana.worldKey;
    const say = async (k: KeptWorld, line: string) => (await k.session.handle(line)).text;
    try {
      await until(() => ana.backend.shared.roster().length === 3 && [ana, bo, mal].every((k) => ana.backend.shared.boxKeyOf(k.player) !== null));
      // Ana's device stops (closed, as a crash or a closed tab would leave it) once the isle's
      // state is carried into the new world, before it signs any pointer: the move never returns.
      let reached: () => void = () => {};
      const carried = new Promise<void>((r) => (reached = r));
      let beganWith = '';
      ana.carry = async (from, toKey) => {
        beganWith = toKey;
        await carryByCut(from, toKey);
        reached();
        await new Promise<never>(() => {});
      };
      await ana.reopen();
      void say(ana, 'move world now without Mal');
      await carried;
      await ana.goOffline();
      ana.carry = undefined;
      await ana.comeBack();
      expect(ana.backend.worldKey).toBe(oldKey);
      expect(await bo.backend.shared.movedTo()).toBeNull();

      // Opened again, it finishes the same move: nothing asked, Mal still left behind, Bo follows.
      const finished = await say(ana, 'move world finish');
      expect(finished).toContain('The move is finished.');
      expect(finished).toContain('1 member follows you there by themselves: Bo.');
      expect(finished).toContain('Left behind: Mal (you left them out).');
      // To the world it had written: no second new world.
      const newKey = ana.backend.worldKey;
      expect(newKey).toBe(beganWith);
      await until(() => bo.backend.worldKey === newKey, 20_000);
      expect(Object.values(ana.state.players).filter((p) => p.name === 'Bo')).toHaveLength(1);
      expect(await say(bo, 'say we made it')).toContain('we made it');
      expect(mal.backend.worldKey).toBe(oldKey);
      expect(await mal.backend.shared.movedTo()).toBeNull();
    } finally {
      for (const k of [ana, bo, mal]) await k.dispose();
      close();
    }
  }, 120_000);

  it('a zone the relay did not take the freeze of is frozen from the new world by MOVE WORLD FINISH', async () => {
    const { relay, connect, close } = relays();
    const gate = cutOffRelay(relay);
    const clock = { at: 60_000 };
    const ana = await KeptWorld.create('Ana', { relay: gate.relay, clock, stepMs: 1000, owned: true });
    ana.session.start();
    const oldKey = ana.worldKey;
    const bo = await KeptWorld.create('Bo', { relay, clock, stepMs: 1000, worldKey: oldKey });
    bo.session.start();
    const say = async (k: KeptWorld, line: string) => (await k.session.handle(line)).text;
    // A part of the isle nobody's client holds open (not the harbor, nor next to it).
    const near = new Set(['harbor', ...neighbourZones(vetrellisContent(), 'harbor')]);
    const far = [...vetrellisContent().zones.keys()].find((z) => !near.has(z))!;
    const farRoom = roomName(oldKey, zoneDocName(far));
    const doc = new Y.Doc();
    let link: ReturnType<RelayConnector> | null = null;
    try {
      await until(() => ana.backend.shared.boxKeyOf(bo.player) !== null);
      gate.block([farRoom]);
      const moved = await say(ana, 'move world now');
      expect(moved).toContain('The world has moved to a new link');
      expect(moved).toContain('Some parts of the old isle could not be reached to freeze them');
      const newKey = ana.backend.worldKey;
      await until(() => bo.backend.worldKey === newKey, 20_000);
      // What the relay holds of that zone of the old world: nothing, so it is not frozen there.
      link = connect(doc, farRoom);
      await link.whenSynced(5000);
      expect(doc.getMap('intents').size).toBe(0);

      // Ana's client restarts before she finishes: it still knows that freeze is not confirmed.
      await ana.reopen();
      expect(ana.backend.worldKey).toBe(newKey);
      gate.restore();
      expect(await say(ana, 'move world finish')).toBe('The move is finished: every part of the old isle is frozen now, and whoever holds only the old link can do nothing there.');
      await until(() => doc.getMap('intents').size > 0);
      expect(ana.backend.worldKey).toBe(newKey);
      expect(await say(ana, 'move world finish')).toBe("The move is finished already: this is the world's new link, and SHARE gives it.");
    } finally {
      link?.destroy();
      doc.destroy();
      for (const k of [ana, bo]) await k.dispose();
      close();
    }
  }, 120_000);
});
