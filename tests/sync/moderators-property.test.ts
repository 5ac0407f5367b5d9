// Moderators, as a property over random logs (issue 19): the owner names and un-names two
// moderators while they (and a hostile member who was never named, or was named and removed) ban,
// unban, mute and unmute players, all in the same few turns. In every delivery order every replica
// folds the same state, and the rules held everywhere: a moderator's word was taken exactly when,
// at its place in the zone's order, the owner's last MOD/UNMOD of them (and no ban) left them a
// moderator; forged owner appointments never reach the fold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Appointment } from '../../src/engine/action.ts';
import type { GameEvent } from '../../src/engine/index.ts';
import { createIdentity, type Identity } from '../../src/sync/intent/identity.ts';
import { appointment, moderatorKeyOf } from '../../src/sync/intent/succession.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { Author, content, entry, identities, SEED, SHARED_VERDICTS, WORLD } from './fixture.ts';
import { fuzzRuns, fuzzSeed, fuzzTimeout, prng } from './harness.ts';

const owner = createIdentity();
/** A moderating author: the moderator key of `who`, appointed by the owner's key (`by` absent) or by `who`'s own. */
function moderating(who: Identity, asOwner: boolean): { author: Author; appointed: Appointment } {
  const key = moderatorKeyOf(who);
  const signed = appointment(who, key.player, WORLD);
  return { author: new Author('harbor', key), appointed: asOwner ? signed : { ...signed, by: who.player } };
}

describe('moderators named and removed, as a property', () => {
  it('every delivery order folds the same state, and a moderator counts exactly while named at that point of the order', () => {
    const seed = fuzzSeed('moderators in memory');
    let taken = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (schedule) => {
        const rnd = prng(schedule);
        const [m1, m2, mal, ana] = identities(4) as [Identity, Identity, Identity, Identity];
        const players = [m1, m2, mal, ana].map((id) => new Author('harbor', id));
        const boss = moderating(owner, true);
        const mods = [moderating(m1, false), moderating(m2, false), moderating(mal, false)];
        // A forgery: a key appointed by Mal's, posing as the owner's (no `by`): refused at ingest everywhere.
        const forgedKey = createIdentity();
        const forged = { author: new Author('harbor', forgedKey), appointed: appointment(mal, forgedKey.player, WORLD) };
        const log = players.map((p, i) => p.write({ kind: 'join', name: `P${i}` }, 1));
        const targets = [m1.player, m2.player, mal.player, ana.player];
        for (let turn = 2; turn < 12; turn++) {
          if (rnd.chance(0.6)) log.push(boss.author.write({ kind: rnd.chance(0.6) ? 'mod' : 'unmod', target: rnd.pick([m1.player, m2.player, mal.player]), appointed: boss.appointed }, turn));
          if (rnd.chance(0.2)) log.push(boss.author.write({ kind: rnd.pick(['ban', 'unban'] as const), target: rnd.pick(targets), appointed: boss.appointed }, turn));
          for (const m of mods) {
            if (rnd.chance(0.6)) log.push(m.author.write({ kind: rnd.pick(['ban', 'unban', 'mute', 'unmute'] as const), target: rnd.pick(targets), appointed: m.appointed }, turn + rnd.int(2)));
          }
          if (rnd.chance(0.2)) log.push(forged.author.write({ kind: 'mod', target: mal.player, appointed: forged.appointed }, turn));
        }
        const entries = log.map(entry);
        const hashes = new Set<string>();
        for (let r = 0; r < 3; r++) {
          const replica = new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, checkpointEvery: 3, verifier: SHARED_VERDICTS, owner: owner.player });
          const order = [...entries];
          for (let i = order.length - 1; i > 0; i--) { const j = rnd.int(i + 1); [order[i], order[j]] = [order[j]!, order[i]!]; }
          while (order.length > 0) replica.ingest(order.splice(0, 1 + rnd.int(3)));
          hashes.add(replica.stateHash);
          expect(replica.fold.entries.some((e) => e.player === forged.author.player), `forged owner appointment folded, schedule ${schedule}`).toBe(false);
          // Walk the fold in its order, keeping the moderators as the owner's accepted words leave them.
          const named = new Set<string>();
          const banned = new Set<string>();
          replica.fold.entries.forEach((e, i) => {
            const a = e.intent.action;
            if (a.kind !== 'ban' && a.kind !== 'unban' && a.kind !== 'mute' && a.kind !== 'unmute' && a.kind !== 'mod' && a.kind !== 'unmod') return;
            const events: readonly GameEvent[] = replica.fold.eventsAt(i);
            const ok = events.some((x) => x.type === 'moderated');
            const by = a.appointed.by;
            if (by !== undefined) {
              const allowed = named.has(by) && !banned.has(by) && !named.has(a.target) && a.target !== by;
              if (!allowed) expect(ok, `a word taken from ${by.slice(0, 6)} who was no moderator then, schedule ${schedule}`).toBe(false);
              if (r === 0) (ok ? taken++ : refused++);
              if (!named.has(by) || banned.has(by)) expect(events).toMatchObject([{ type: 'refused', reason: 'moderation/not-moderator' }]);
            }
            if (!ok) return;
            if (a.kind === 'mod') named.add(a.target);
            if (a.kind === 'unmod') named.delete(a.target);
            if (a.kind === 'ban') {
              banned.add(a.target);
              named.delete(a.target);
            }
            if (a.kind === 'unban') banned.delete(a.target);
          });
          expect([...named].sort(), `moderators, schedule ${schedule}`).toEqual([...(replica.state.moderation?.moderators ?? [])]);
        }
        expect(hashes.size, `replicas disagree, schedule ${schedule}`).toBe(1);
      }),
      { seed, numRuns: fuzzRuns(25) },
    );
    // The schedules exercised both: moderators' words taken, and refused.
    expect(taken).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  }, fuzzTimeout(25));
});
