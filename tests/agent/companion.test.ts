/**
 * A companion beside a player in a shared world (memory relay): Pip follows Ana (the players'
 * FOLLOW: it joins following her, and its own client walks after her) out of the room and over a
 * zone border, strikes what she strikes, and does what she asks of it by name (wait,
 * follow, gather, give, say what it carries), answering in character; what it does not understand
 * gets a short reply. Its mind alone (no world): eating when badly hurt comes first.
 */
import { describe, expect, it } from 'vitest';
import { Companion } from '../../src/agent/companion/companion.ts';
import { CompanionMind } from '../../src/agent/companion/mind.ts';
import type { AgentNews } from '../../src/agent/index.ts';
import type { Observation } from '../../src/session/observation.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { vetrellis } from '../golden/transcript.ts';
import { agentsOnMemoryRelay, until } from './relay-agents.ts';

const content = vetrellis();
const agents = agentsOnMemoryRelay();

describe('a companion beside its friend', () => {
  it('follows over a zone border, fights beside her, and obeys wait, follow, gather, give and "what do you carry?"', async () => {
    const key = createWorldKey();
    const ana = await agents.open(key, 'Ana', true);
    const pipWorld = await agents.open(key, 'Pip', false, 'Ana');
    const { pip, refused } = agents.companion(pipWorld, { minGapMs: 0 });
    await until(() => Object.keys(ana.world.state.players).length === 2 && Object.keys(pipWorld.world.state.players).length === 2, 'both in both replicas');
    const heard: AgentNews[] = [];
    ana.on('news', (n) => heard.push(n));
    const pipSays = (text: string) => heard.some((n) => n.text === `Pip says, "${text}"`);
    const pipAt = () => pipWorld.observe().location?.id;

    await ana.step({ kind: 'say', text: 'Pip, what do you carry?' });
    await until(() => pipSays('Nothing at all.'), 'Pip saying what it carries');

    await ana.step('west');
    await until(() => pipAt() === 'driftwood-beach', 'Pip following Ana west');
    await until(() => ana.observe().here.players.some((p) => p.name === 'Pip'), 'Ana seeing Pip arrive');

    await ana.step({ kind: 'attack', target: 'tide-crab' });
    await until(() => heard.some((n) => n.events.some((e) => e.type === 'attacked' && e.player === pipWorld.world.player && e.enemy === 'tide-crab')), 'Pip striking the crab');

    await ana.step({ kind: 'say', text: 'Pip, gather driftwood' });
    await until(() => pipSays('Done.'), 'Pip gathering');
    expect(pipWorld.observe().player!.inventory.map((s) => s.id)).toContain('driftwood');
    await ana.step({ kind: 'say', text: 'Pip, give me the driftwood.' });
    await until(() => ana.observe().player!.inventory.some((s) => s.id === 'driftwood'), 'Pip giving Ana the driftwood');
    expect(heard.some((n) => n.events.some((e) => e.type === 'gave' && e.to === ana.world.player))).toBe(true);
    await ana.step({ kind: 'say', text: 'Pip, give me the moon' });
    await until(() => pipSays("I haven't got that to give, Ana."), 'Pip refusing the moon');

    await ana.step({ kind: 'say', text: 'Pip, wait here' });
    await until(() => pipSays("I'll wait here, Ana."), 'Pip agreeing to wait');
    await ana.step('east');
    await pip.idle();
    await new Promise((r) => setTimeout(r, 200));
    expect(pipAt()).toBe('driftwood-beach');
    await ana.step('west');
    await ana.step({ kind: 'say', text: 'Pip, follow me!' });
    await until(() => pipSays('Right behind you, Ana.'), 'Pip agreeing to follow');
    // Waiting was UNFOLLOW, and following again is the players' FOLLOW: Ana is told as of anyone.
    expect(heard.some((n) => n.text.includes('Pip stops following you.'))).toBe(true);
    expect(heard.some((n) => n.text.includes('Pip falls in behind you.'))).toBe(true);
    expect(pipWorld.observe().party?.following).toEqual({ id: ana.world.player, name: 'Ana' });

    await ana.step({ kind: 'say', text: 'Pip, dance a jig' });
    await until(() => pipSays("Sorry, Ana, I don't understand."), 'Pip not understanding');

    // Over the border: the quay is the harbor, the square north of it the village.
    await ana.step('east');
    await until(() => pipAt() === 'harbor-quay', 'Pip following Ana back to the quay');
    const north = await ana.step('north');
    expect(north.observation.location?.zone).toBe('village');
    await until(() => pipAt() === 'village-square', 'Pip following Ana into the village');
    expect(pipWorld.observe().location?.zone).toBe('village');
    // Everyone sees it as Ana's companion, and it kept the rules' pace: never refused for it.
    expect(pipWorld.observe().player?.companionOf).toEqual({ player: ana.world.player, name: 'Ana' });
    expect(refused.filter((r) => r.startsWith('rate/'))).toEqual([]);
  }, 90_000);
});

describe("a companion's mind", () => {
  const mind = () => new CompanionMind({ name: 'Pip', friend: 'Ana', content });
  const hurt = (hp: number, inventory: { id: string; qty: number }[], fighting: string | null = null) =>
    ({ here: { enemies: [] }, player: { hp, maxHp: 30, inventory, fighting } }) as unknown as Observation;

  it('eats or drinks when badly hurt, and only then', () => {
    expect(mind().next(hurt(8, [{ id: 'driftwood', qty: 1 }, { id: 'healing-draught', qty: 1 }]))).toEqual({ action: { kind: 'use', target: 'healing-draught' }, why: 'badly hurt' });
    expect(mind().next(hurt(20, [{ id: 'healing-draught', qty: 1 }]))).toBeNull();
    expect(mind().next(hurt(8, [{ id: 'driftwood', qty: 1 }]))).toBeNull();
  });

  it('lends a hand when asked: "Pip, pull the lever" is a line it types, told if it cannot', () => {
    const pip = mind();
    const said = (text: string) => [{ type: 'said', text, player: 'ana-id', location: 'mine-mouth' }] as unknown as Parameters<CompanionMind['hear']>[0];
    for (const asked of ['pull the lever', 'lift the prop', 'turn the sluice wheel']) {
      pip.hear(said(`Pip, ${asked}!`), 'mine-mouth', 'pip-id', () => 'Ana');
      const deed = pip.next(hurt(30, []));
      expect(deed).toMatchObject({ line: asked, why: 'asked by Ana' });
      expect(deed && 'then' in deed && deed.then!(false, '')).toBe("I can't do that here, Ana.");
      expect(deed && 'then' in deed && deed.then!(true, '')).toBeNull();
    }
  });

  it('reads a slip of the keys in an order\'s first word as the parser does, and says plainly what it does not understand', () => {
    const said = (text: string) => [{ type: 'said', text, player: 'ana-id', location: 'harbor-quay' }] as unknown as Parameters<CompanionMind['hear']>[0];
    const answer = (text: string) => {
      const pip = mind();
      pip.hear(said(text), 'harbor-quay', 'pip-id', () => 'Ana');
      return pip.next(hurt(30, []));
    };
    expect(answer('Pip, folow me')).toMatchObject({ action: { kind: 'say', text: 'Right behind you, Ana.' } });
    expect(answer('Pip, come here')).toMatchObject({ action: { kind: 'say', text: 'Right behind you, Ana.' } });
    expect(answer('Pip, wiat here')).toMatchObject({ action: { kind: 'say', text: "I'll wait here, Ana." } });
    expect(answer('Pip, gahter driftwood')).toMatchObject({ line: 'gather driftwood' });
    // Only the first word: a thing's name one slip from an order verb stays what it is.
    expect(answer('Pip, gather kelp')).toMatchObject({ line: 'gather kelp' });
    expect(answer('Pip, dance a jig')).toMatchObject({ action: { kind: 'say', text: "Sorry, Ana, I don't understand." } });
  });

  it('goes after its friend when she is elsewhere and its session is not walking after her, and only then', () => {
    const seen = (following: string | null) => ({
      here: { enemies: [], players: [] }, location: { id: 'harbor-quay' }, player: { hp: 30, maxHp: 30, inventory: [], fighting: null, companionOf: { player: 'ana-id', name: 'Ana' } },
      party: { following: following === null ? null : { id: following, name: 'Ana' } },
    }) as unknown as Observation;
    const went = [{ type: 'moved', dir: 'south', to: 'breakwater', firstVisit: true, player: 'ana-id', location: 'harbor-quay' }] as unknown as Parameters<CompanionMind['hear']>[0];
    const pip = mind();
    pip.hear(went, 'harbor-quay', 'pip-id', () => 'Ana');
    expect(pip.next(seen(null), undefined, 'south')).toEqual({ action: { kind: 'move', dir: 'south' }, why: 'going after Ana' });
    // No way to her known, or its session walking after her (the players' FOLLOW; the companion
    // then gives no way): nothing. Following her with nobody walking after her (she was a room
    // away when it joined), it goes after her too.
    expect(mind().next(seen(null), undefined, null)).toBeNull();
    const follower = mind();
    follower.hear(went, 'harbor-quay', 'pip-id', () => 'Ana');
    expect(follower.next(seen('ana-id'), undefined, null)).toBeNull();
    expect(mind().next(seen('ana-id'), undefined, 'south')).toEqual({ action: { kind: 'move', dir: 'south' }, why: 'going after Ana' });
  });

  it('having fled a fight, does not walk straight back into it after its friend; it goes once she wins it, falls or walks on', () => {
    const away = (hp: number) => ({
      here: { enemies: [], players: [] }, location: { id: 'forest-edge' },
      player: { hp, maxHp: 30, inventory: [], fighting: null, companionOf: { player: 'ana-id', name: 'Ana' } },
      party: { following: { id: 'ana-id', name: 'Ana' } },
    }) as unknown as Observation;
    for (const news of ['enemy-defeated', 'player-defeated', 'moved']) {
      const pip = mind();
      const flee = pip.next(hurt(8, [], 'bristleback-boar'));
      expect(flee && 'then' in flee && flee.then!(true, '')).toBe("I can't fight on, Ana!");
      // Out of the fight, still hurt, Ana fighting on in the pine stand to the west.
      expect(pip.next(away(8), undefined, 'west')).toBeNull();
      pip.hear([{ type: news, player: 'ana-id', location: 'pine-stand' }] as unknown as Parameters<CompanionMind['hear']>[0], 'forest-edge', 'pip-id', () => 'Ana');
      expect(pip.next(away(8), undefined, 'west')).toEqual({ action: { kind: 'move', dir: 'west' }, why: 'going after Ana' });
    }
  });

  it('having fled, goes after its friend once she is no longer in that fight, also when it heard nothing of it', () => {
    const away = { here: { enemies: [], players: [] }, location: { id: 'forest-edge' },
      player: { hp: 8, maxHp: 30, inventory: [], fighting: null, companionOf: { player: 'ana-id', name: 'Ana' } },
      party: { following: { id: 'ana-id', name: 'Ana' } } } as unknown as Observation;
    const inFight = { ...hurt(8, [], 'bristleback-boar'), location: { id: 'pine-stand' } } as unknown as Observation;
    const pip = mind();
    const flee = pip.next(inFight);
    expect(flee && 'then' in flee && flee.then!(true, '')).toBe("I can't fight on, Ana!");
    // Ana still in the pine stand: it stays out.
    expect(pip.next(away, undefined, 'west', 'pine-stand')).toBeNull();
    // Knocked down there out of its sight, she woke at the quay (another zone): it goes after her.
    expect(pip.next(away, undefined, 'south', null)).toEqual({ action: { kind: 'move', dir: 'south' }, why: 'going after Ana' });
  });

  it('flees a fight it is too hurt to win when it has nothing to heal with', () => {
    const deed = mind().next(hurt(8, [], 'tide-crab'));
    expect(deed).toMatchObject({ line: 'flee', why: 'too hurt to fight on' });
    expect(deed && 'then' in deed && deed.then!(true, '')).toBe("I can't fight on, Ana!");
    expect(mind().next(hurt(8, [{ id: 'healing-draught', qty: 1 }], 'tide-crab'))).toMatchObject({ action: { kind: 'use', target: 'healing-draught' } });
  });
});
