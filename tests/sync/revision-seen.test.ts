// Issue 16: "REVISED Bo got to the shingle bank first." was told although both players ended with
// what they had seen. A revision is narrated only when something the viewer saw changed.
import { describe, expect, it } from 'vitest';
import { Node } from '../../src/content/schema.ts';
import { plainText } from '../../src/narrate/index.ts';
import { narrateRevision } from '../../src/narrate/revision.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { Author, content as base, entry, identities, SEED, WORLD, SHARED_VERDICTS } from './fixture.ts';

/** The sync fixture with a kelp bed of two units: one each for Ana and Bo, whoever comes first. */
const content = { ...base, nodes: new Map([['kelp-bed', Node.parse({ ...base.nodes.get('kelp-bed')!, yield: 2 })]]) };

function replica(viewer: string): ZoneReplica {
  return new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, viewer, checkpointEvery: 4, verifier: SHARED_VERDICTS });
}

describe('revisions told only when what the viewer saw changed', () => {
  it('a late gather that sorts first, leaving the viewer the same unit, is not told', () => {
    const [ia, ib] = identities(2);
    const ana = new Author('harbor', ia);
    const bo = new Author('harbor', ib);
    const joins = [ana.write({ kind: 'join', name: 'Ana' }, 1), bo.write({ kind: 'join', name: 'Bo' }, 1)].map(entry);
    const ta = entry(ana.write({ kind: 'gather', target: 'kelp-bed' }, 2));
    const tb = entry(bo.write({ kind: 'gather', target: 'kelp-bed' }, 2));
    // Each sees their own gather first; for one of them the other's sorts before it (a re-fold).
    const views = [{ r: replica(ana.player), mine: ta, theirs: tb, who: ana.player }, { r: replica(bo.player), mine: tb, theirs: ta, who: bo.player }];
    const revised = views.flatMap(({ r, mine, theirs, who }) => {
      r.ingest(joins);
      r.ingest([mine]);
      const change = r.ingest([theirs]);
      const kelp = r.state.players[who]!.inventory.find((s) => s.item === 'kelp')?.qty;
      expect(kelp).toBe(1);
      return change.revision ? [{ r, rev: change.revision, who }] : [];
    });
    expect(revised).toHaveLength(1);
    const { r, rev, who } = revised[0]!;
    expect(rev.inventory).toEqual([]);
    expect(rev.disappeared.length).toBeGreaterThan(0); // the gather's `remaining` moved from 1 to 0
    expect(plainText(narrateRevision(content, r.state, rev, who))).toBe('');
  });
});
