// Moving the world freezes it (issue 19), as a property over random logs: players take, drop
// and talk in the same few turns as the owner's MOVED (and a second one, later); a member's
// modified client forges MOVED records, as the owner's (by another key) and as its own word (`by`).
// In every delivery order every replica folds the same state; every intent after the owner's
// MOVED in the zone's order is refused (moderation/moved), everything before it is judged as
// usual; the forgeries never reach the fold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SyncAction } from '../../src/sync/intent/sync-action.ts';
import { createIdentity, type Identity } from '../../src/sync/intent/identity.ts';
import { appointment, moderatorKeyOf } from '../../src/sync/intent/succession.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { Author, content, entry, identities, SEED, SHARED_VERDICTS, WORLD } from './fixture.ts';
import { fuzzRuns, fuzzSeed, fuzzTimeout, prng } from './harness.ts';

const owner = createIdentity();

function replica(): ZoneReplica {
  return new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, checkpointEvery: 3, verifier: SHARED_VERDICTS, owner: owner.player });
}

describe('the freeze of a moved world, as a property', () => {
  it('every delivery order folds the same state, and nothing after the owner\'s MOVED changes it', () => {
    const seed = fuzzSeed('move world freeze');
    let frozenOut = 0;
    let before = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (schedule) => {
        const rnd = prng(schedule);
        const [ana, bo, mal] = identities(3) as [Identity, Identity, Identity];
        const players = [ana, bo, mal].map((id) => new Author('harbor', id));
        const boss = new Author('harbor', moderatorKeyOf(owner));
        const appointed = appointment(owner, boss.player, WORLD);
        // Mal's forgeries: a key she appointed posing as the owner's, and her own word as a moderator's.
        const forgedKey = createIdentity();
        const forger = new Author('harbor', forgedKey);
        const malMod = new Author('harbor', moderatorKeyOf(mal));
        const log = players.map((p, i) => p.write({ kind: 'join', name: `P${i}` }, 1));
        const movedAt = 3 + rnd.int(6);
        const deeds: SyncAction[] = [{ kind: 'take', target: 'pebble' }, { kind: 'drop', target: 'pebble' }, { kind: 'say', text: 'still here?' }, { kind: 'take', target: 'moonpetal' }, { kind: 'rest' }];
        for (let turn = 2; turn < 14; turn++) {
          if (turn === movedAt) log.push(boss.write({ kind: 'moved', appointed }, turn));
          if (turn === movedAt + 3 && rnd.chance(0.5)) log.push(boss.write({ kind: 'moved', appointed }, turn));
          for (const p of players) if (rnd.chance(0.6)) log.push(p.write(rnd.pick(deeds), turn + rnd.int(2)));
          if (rnd.chance(0.2)) log.push(forger.write({ kind: 'moved', appointed: appointment(mal, forgedKey.player, WORLD) }, turn));
          if (rnd.chance(0.2)) log.push(malMod.write({ kind: 'moved', appointed: { ...appointment(mal, malMod.player, WORLD), by: mal.player } }, turn));
        }
        const entries = log.map(entry);
        const hashes = new Set<string>();
        for (let r = 0; r < 3; r++) {
          const z = replica();
          const order = [...entries];
          for (let i = order.length - 1; i > 0; i--) { const j = rnd.int(i + 1); [order[i], order[j]] = [order[j]!, order[i]!]; }
          while (order.length > 0) z.ingest(order.splice(0, 1 + rnd.int(3)));
          hashes.add(z.stateHash);
          expect(z.fold.entries.some((e) => e.player === forger.player || e.player === malMod.player), `a forged MOVED folded, schedule ${schedule}`).toBe(false);
          expect(z.diagnostics.snapshot()['intent/not-owner'] ?? 0, `forgeries not refused at ingest, schedule ${schedule}`).toBe(forger.seq + malMod.seq);
          expect(z.state.moderation?.moved, `not frozen, schedule ${schedule}`).toBe(true);
          const at = z.fold.entries.findIndex((e) => e.intent.action.kind === 'moved');
          expect(z.fold.eventsAt(at)).toMatchObject([{ type: 'world-moved' }]);
          z.fold.entries.forEach((_e, i) => {
            const events = z.fold.eventsAt(i);
            const frozen = events.length === 1 && events[0]!.type === 'refused' && events[0]!.reason === 'moderation/moved';
            expect(frozen, `entry ${i} (moved at ${at}) ${frozen ? 'refused' : 'taken'} wrongly, schedule ${schedule}`).toBe(i > at);
            if (r === 0) (i > at ? frozenOut++ : before++);
          });
        }
        expect(hashes.size, `replicas disagree, schedule ${schedule}`).toBe(1);
      }),
      { seed, numRuns: fuzzRuns(25) },
    );
    expect(frozenOut).toBeGreaterThan(0);
    expect(before).toBeGreaterThan(0);
  }, fuzzTimeout(25));

  it('a MOVED by anyone but the owner is refused at ingest and freezes nothing', () => {
    const [mal] = identities(1) as [Identity];
    const p = new Author('harbor', mal);
    const forgedKey = createIdentity();
    const forger = new Author('harbor', forgedKey);
    const malMod = new Author('harbor', moderatorKeyOf(mal));
    const z = replica();
    z.ingest([p.write({ kind: 'join', name: 'Mal' }, 1), forger.write({ kind: 'moved', appointed: appointment(mal, forgedKey.player, WORLD) }, 2),
      malMod.write({ kind: 'moved', appointed: { ...appointment(mal, malMod.player, WORLD), by: mal.player } }, 2), p.write({ kind: 'take', target: 'pebble' }, 3)].map(entry));
    expect(z.diagnostics.snapshot()['intent/not-owner']).toBe(2);
    expect(z.state.moderation?.moved).toBeUndefined();
    expect(z.state.players[mal.player]!.inventory.some((s) => s.item === 'pebble')).toBe(true);
  });
});
