/**
 * What a session tells about the world around the player beyond the rules: whether another
 * player standing here is playing or has left (presence), and whether the world was made with
 * another version of the content than this client runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/schema.ts';
import { apply, createWorld, type Action, type GameState } from '../../src/engine/index.ts';
import type { AwakePlayers } from '../../src/narrate/index.ts';
import { Session, type WorldBackend } from '../../src/session/index.ts';
import { LocalWorld, memoryLogStore } from '../../src/session/local-world.ts';
import type { SubmitOutcome } from '../../src/session/world.ts';
import { SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { FileDocStore } from '../../src/sync/world/node-doc-store.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { vetrellis } from '../golden/transcript.ts';

/** A world where Mira joined earlier and stands at the start; `awake` is what presence says. */
class WorldWithMira implements WorldBackend {
  readonly notice = null;
  readonly joinedOnOpen = [];
  async ready(): Promise<void> {}
  readonly id = 'test-world';
  readonly player = 'me';
  readonly link = null;
  state: GameState;
  awakeNow: AwakePlayers | null = null;
  contentMismatch = false;

  constructor(readonly content: Content) {
    this.state = apply(content, createWorld(content, 5), { id: 'mira:0', player: 'mira', at: 1, action: { kind: 'join', name: 'Mira' } }).state;
  }

  submit(action: Action, at: number): SubmitOutcome {
    const r = apply(this.content, this.state, { id: `me:${at}`, player: this.player, at, action });
    this.state = r.state;
    return r;
  }

  drainNews() { return { events: [], revisions: [] }; }
  subscribe() { return () => {}; }
  status() { return null; }
  awake() { return this.awakeNow; }
  async close() {}
}

function sessionIn(world: WorldBackend): Session {
  let t = 0;
  return new Session(world, { name: 'Ana', clock: () => (t += 1) * 10_000 });
}

describe('other players in a session', () => {
  it('are described awake or asleep as presence says, and the observation agrees', async () => {
    const world = new WorldWithMira(vetrellis());
    const session = sessionIn(world);
    world.awakeNow = new Set(['mira']);
    const first = session.start();
    expect(first.text).toContain('Mira is here.');
    expect(first.observation.here.players).toEqual([{ id: 'mira', name: 'Mira', online: true }]);

    world.awakeNow = new Set();
    const look = await session.handle('look');
    expect(look.text).toContain('Mira is here, fast asleep.');
    expect(look.observation.here.players).toEqual([{ id: 'mira', name: 'Mira', online: false }]);

    // She comes back: the next look says so (and entering a room is described the same way).
    world.awakeNow = new Set(['mira']);
    expect((await session.handle('look')).text).toMatch(/^Mira is here\.$/m);
    world.awakeNow = new Set();
    await session.handle('go west');
    const back = await session.handle('go east');
    expect(back.text).toContain('Mira is here, fast asleep.');
  });

  it('are simply here where no presence is known (a world nobody else plays)', async () => {
    const world = new WorldWithMira(vetrellis());
    const session = sessionIn(world);
    const first = session.start();
    expect(first.text).toMatch(/^Mira is here\.$/m);
    expect(first.text).not.toContain('asleep');
    expect(first.observation.here.players).toEqual([{ id: 'mira', name: 'Mira', online: true }]);
  });
});

describe('a world made with another version of the content', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vetrellis-session-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is flagged in the status and the observation; the same version is not', async () => {
    const identity = createIdentity();
    const worldKey = createWorldKey();
    const open = (content: Content) => SharedWorldBackend.open({
      content, identity, worldKey, store: new FileDocStore(join(dir, 'docs')), relay: null, name: 'Ana',
      create: { name: 'Test' }, linkBase: '',
    });
    const made = await open(vetrellis());
    expect(made.status().contentMismatch).toBe(false);
    expect(sessionIn(made).start().observation.world.contentMismatch).toBe(false);
    await made.close();

    const newer = await open({ ...vetrellis(), version: 'another-version' });
    expect(newer.status().contentMismatch).toBe(true);
    expect(sessionIn(newer).start().observation.world.contentMismatch).toBe(true);
    await newer.close();
  });

  it('never happens in a single-player world', () => {
    const session = sessionIn(LocalWorld.open(vetrellis(), memoryLogStore(1)));
    expect(session.start().observation.world).toEqual({ id: 'local-1', link: null, watchLink: null, contentMismatch: false, owner: null, role: 'player', members: [] });
  });
});
