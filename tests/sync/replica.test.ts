// The zone replica: single outcomes, revisions, equivocation, deletes and game time.
import { describe, expect, it } from 'vitest';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { Author, content, entry, identities, SEED, WORLD, SHARED_VERDICTS } from './fixture.ts';

function replica(viewer: string | null = null, zone = 'harbor'): ZoneReplica {
  return new ZoneReplica({ rules: engineRules, content, world: WORLD, zone, seed: SEED, viewer, checkpointEvery: 4, verifier: SHARED_VERDICTS });
}

function count(r: ZoneReplica, player: string, item: string): number {
  return r.state.players[player]?.inventory.filter((s) => s.item === item).reduce((n, s) => n + s.qty, 0) ?? 0;
}

describe('zone replica', () => {
  it('folds joins and a take', () => {
    const [ia] = identities(1);
    const ana = new Author('harbor', ia);
    const r = replica(ana.player);
    const c1 = r.ingest([entry(ana.write({ kind: 'join', name: 'Ana' }, 1))]);
    expect(c1.news[0]!.events.some((e) => e.type === 'joined')).toBe(true);
    r.ingest([entry(ana.write({ kind: 'take', target: 'moonpetal' }, 2))]);
    expect(count(r, ana.player, 'moonpetal')).toBe(1);
    expect(r.state.floors['pier']?.['moonpetal'] ?? 0).toBe(0);
  });

  it('a late intent that sorts first wins the last moonpetal and the viewer gets a revision', () => {
    const [ia, ib] = identities(2);
    const ana = new Author('harbor', ia);
    const bo = new Author('harbor', ib);
    const joins = [ana.write({ kind: 'join', name: 'Ana' }, 1), bo.write({ kind: 'join', name: 'Bo' }, 1)];
    // Both take at turn 2; whoever wins the lottery for turn 2 gets it.
    const ta = ana.write({ kind: 'take', target: 'moonpetal' }, 2);
    const tb = bo.write({ kind: 'take', target: 'moonpetal' }, 2);
    const viewAna = replica(ana.player);
    viewAna.ingest(joins.map(entry));
    viewAna.ingest([entry(ta)]);
    expect(count(viewAna, ana.player, 'moonpetal')).toBe(1);
    const change = viewAna.ingest([entry(tb)]);
    const other = replica(bo.player);
    other.ingest([entry(tb), ...joins.map(entry), entry(ta)]);
    expect(other.stateHash).toBe(viewAna.stateHash);
    const total = count(viewAna, ana.player, 'moonpetal') + count(viewAna, bo.player, 'moonpetal');
    expect(total).toBe(1);
    if (count(viewAna, bo.player, 'moonpetal') === 1) {
      expect(change.revision).not.toBeNull();
      expect(change.revision!.inventory).toEqual([{ item: 'moonpetal', delta: -1 }]);
      expect(change.revision!.disappeared.some((e) => e.type === 'took')).toBe(true);
      expect(change.revision!.causes[0]!.player).toBe(bo.player);
    } else {
      expect(change.revision).toBeNull();
    }
  });

  it('equivocation drops the branch from the doubled seq on, identically in any order', () => {
    const [ia, ib] = identities(2);
    const ana = new Author('harbor', ia);
    const mal = new Author('harbor', ib);
    const j = [ana.write({ kind: 'join', name: 'Ana' }, 1), mal.write({ kind: 'join', name: 'Mal' }, 1)];
    const fork = { seq: mal.seq, prev: mal.prev, lastTurn: mal.lastTurn, at: mal.at };
    const m1 = mal.write({ kind: 'take', target: 'rope' }, 2);
    Object.assign(mal, fork);
    const m2 = mal.write({ kind: 'take', target: 'moonpetal' }, 2);
    const m3 = mal.write({ kind: 'take', target: 'pebble' }, 3);
    const all = [...j, m1, m2, m3].map(entry);
    const a = replica();
    a.ingest(all);
    const b = replica();
    for (const e of [...all].reverse()) b.ingest([e]);
    const c = replica();
    c.ingest([all[0]!, all[1]!, all[2]!]);
    expect(count(c, mal.player, 'rope')).toBe(1);
    c.ingest([all[4]!, all[3]!]);
    expect(a.stateHash).toBe(b.stateHash);
    expect(c.stateHash).toBe(a.stateHash);
    expect(count(c, mal.player, 'rope') + count(c, mal.player, 'moonpetal') + count(c, mal.player, 'pebble')).toBe(0);
    expect(c.stoppedPlayers()).toEqual([mal.player]);
    expect(c.diagnostics.get('chain/equivocation')).toBeGreaterThan(0);
  });

  it('an intent waits for its predecessor, and game time is clamped non-decreasing', () => {
    const [ia] = identities(1);
    const ana = new Author('harbor', ia);
    const i1 = ana.write({ kind: 'join', name: 'Ana' }, 1);
    const i2 = ana.write({ kind: 'wait' }, 2, -500); // clock went backwards
    const r = replica();
    r.ingest([entry(i2)]);
    expect(r.applied).toBe(0);
    r.ingest([entry(i1)]);
    expect(r.applied).toBe(2);
    expect(r.fold.entries[1]!.at).toBe(r.fold.entries[0]!.at);
  });

  it('replays, garbage and a broken link change nothing and are counted', () => {
    const [ia] = identities(1);
    const ana = new Author('harbor', ia);
    const i1 = ana.write({ kind: 'join', name: 'Ana' }, 1);
    const r = replica();
    r.ingest([entry(i1)]);
    const h = r.stateHash;
    r.ingest([entry(i1), ['x', 42], ['y', '{"v":1}'], [i1.id, 'garbage']]);
    const badLink = new Author('harbor', ia);
    badLink.seq = 1; badLink.prev = 'b'.repeat(64); badLink.lastTurn = 1; badLink.at = 5000;
    r.ingest([entry(badLink.write({ kind: 'wait' }, 2))]);
    expect(r.stateHash).toBe(h);
    expect(r.diagnostics.snapshot()).toMatchObject({ 'intent/duplicate': 2, 'intent/not-string': 1, 'intent/schema': 1, 'chain/broken-link': 1 });
  });
});
