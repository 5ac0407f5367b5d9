/**
 * Where a zone's clock starts (docs/intent-format.md "Game time"): in a world whose key names an
 * owner, a hostile member whose intent is placed before the owner's first one in the start zone
 * (a join at turn 1 that wins the lottery, or no owner's deed there yet) cannot start its clock
 * at the bound: only the owner's intent starts it, and then each intent moves it a day at most.
 * A world without an owner (made before owners) folds as it always did. One replica in memory;
 * the same through the relays with a zone entered first by the hostile member is
 * tests/agent/time-pushed-ahead.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { MAX_TIME_STEP_MS } from '../../src/engine/index.ts';
import { AT_MAX } from '../../src/sync/intent/envelope.ts';
import { Verifier } from '../../src/sync/intent/verifier.ts';
import { engineRules } from '../../src/sync/replica/engine-rules.ts';
import { ZoneReplica } from '../../src/sync/replica/zone-replica.ts';
import { Author, content, entry, identities, SEED, WORLD } from './fixture.ts';

const NOW = 1_796_000_000_000;

function harbor(owner: string | null): ZoneReplica {
  return new ZoneReplica({ rules: engineRules, content, world: WORLD, zone: 'harbor', seed: SEED, verifier: new Verifier(), owner });
}

function play(replica: ZoneReplica) {
  const [ia, im] = identities(2);
  const ana = new Author('harbor', ia!);
  const mal = new Author('harbor', im!);
  ana.at = NOW - 1000;
  mal.at = AT_MAX - 1000;
  // Mal's join is placed first (turn 1); the owner's at turn 2.
  const malJoin = entry(mal.write({ kind: 'join', name: 'Mal' }, 1));
  const anaJoin = entry(ana.write({ kind: 'join', name: 'Ana' }, 2));
  replica.ingest([malJoin, anaJoin]);
  return { ana, mal };
}

describe("a zone's clock in a world with an owner", () => {
  it("starts at the owner's first intent, not at a hostile join placed before it", () => {
    const [ia] = identities(1);
    const replica = harbor(ia!.player);
    const { ana, mal } = play(replica);
    expect(replica.applied).toBe(2);
    expect(replica.state.time).toBe(NOW);
    // The bound again, now measured from the zone's time: a day on at most.
    mal.at = AT_MAX - 1000;
    replica.ingest([entry(mal.write({ kind: 'wait' }, 3))]);
    expect(replica.state.time).toBe(NOW + MAX_TIME_STEP_MS);
    replica.ingest([entry(ana.write({ kind: 'wait' }, 4, 60_000))]);
    expect(replica.state.time).toBe(NOW + MAX_TIME_STEP_MS);
  });

  it('in a world without an owner, the first accepted intent still starts it, as before', () => {
    const replica = harbor(null);
    play(replica);
    expect(replica.state.time).toBe(AT_MAX);
  });
});
