/**
 * The agent API as a library (src/agent): a bot plays through `step` with text or structured
 * actions and learns what happened from events and rewards, never from prose; `reset` starts a
 * world in memory again; a kept world goes on where it was left.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAgentWorld, type AgentReply, type AgentWorld } from '../../src/agent/node.ts';
import type { Content, Direction } from '../../src/content/schema.ts';
import { vetrellis } from '../golden/transcript.ts';

const content = vetrellis();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The directions from one room to another by the content's exits, locks ignored (shortest first). */
function route(c: Content, from: string, to: string): Direction[] {
  const back = new Map<string, { from: string; dir: Direction }>();
  const queue = [from];
  for (let at = queue.shift(); at !== undefined && at !== to; at = queue.shift()) {
    for (const exit of c.locations.get(at)!.exits) {
      if (exit.to === from || back.has(exit.to) || exit.lock) continue;
      back.set(exit.to, { from: at, dir: exit.dir });
      queue.push(exit.to);
    }
  }
  const dirs: Direction[] = [];
  for (let at = to; at !== from; at = back.get(at)!.from) dirs.unshift(back.get(at)!.dir);
  return dirs;
}

async function walk(env: AgentWorld, dirs: readonly Direction[]): Promise<AgentReply> {
  let last: AgentReply | undefined;
  for (const dir of dirs) {
    last = await env.step({ kind: 'move', dir });
    expect(last.status, `move ${dir}: ${last.text}`).toBe('ok');
  }
  return last!;
}

describe('the agent world in memory', () => {
  it('takes a structured action exactly as the same command typed', async () => {
    const typed = await openAgentWorld({ content, seed: 3 });
    const structured = await openAgentWorld({ content, seed: 3 });
    const a = await typed.step('go west');
    const b = await structured.step({ kind: 'move', dir: 'west' });
    expect(b.input).toBe('{"kind":"move","dir":"west"}');
    expect(b.intents).toEqual(a.intents);
    expect(b.events).toEqual(a.events);
    expect(b.events).toEqual([{ type: 'moved', dir: 'west', to: 'driftwood-beach', firstVisit: true, player: 'p-local', location: 'harbor-quay' }]);
    expect(b.text).toBe(a.text);
    expect(b.observation.stateHash).toBe(a.observation.stateHash);
    expect(b.observation.location?.id).toBe('driftwood-beach');
  });

  it('answers an invalid action with status "error" and the schema\'s words, and changes nothing', async () => {
    const env = await openAgentWorld({ content });
    const before = env.observe().stateHash;
    const bad = await env.step({ kind: 'move', dir: 'sideways' });
    expect(bad.status).toBe('error');
    expect(bad.text).toMatch(/^That action is not valid: dir: Invalid option: expected one of "north"\|"south"/);
    expect(bad.intents).toEqual([]);
    expect(bad.events).toEqual([]);
    expect((await env.step({ kind: 'teleport', to: 'anywhere' })).text).toMatch(/^That action is not valid: kind: Invalid discriminator value\. Expected 'look' \| 'examine'/);
    expect((await env.step({ kind: 'take' })).text).toBe('That action is not valid: target: Invalid input: expected string, received undefined.');
    expect((await env.step({ kind: 'say', text: 'hi\u001b[2J' })).text).toMatch(/^That action is not valid: text: speech may not contain U\+001B/);
    expect((await env.step(42 as unknown as object)).text).toBe('That action is not valid: Invalid input: expected object, received number.');
    expect(env.observe().stateHash).toBe(before);
  });

  it('plays steps asked at once one after another, in order, and answers a value JSON cannot hold', async () => {
    const env = await openAgentWorld({ content });
    const [west, gather, east] = await Promise.all([env.step('west'), env.step({ kind: 'gather', target: 'driftwood-pile' }), env.step({ kind: 'move', dir: 'east' })]);
    expect([west.status, gather.status, east.status]).toEqual(['ok', 'ok', 'ok']);
    expect(gather.observation.location?.id).toBe('driftwood-beach');
    expect(east.observation.location?.id).toBe('harbor-quay');
    expect(east.observation.turn).toBe(gather.observation.turn + 1);
    const cycle: Record<string, unknown> = { kind: 'look' };
    cycle.self = cycle;
    const bad = await env.step(cycle);
    expect(bad).toMatchObject({ status: 'error', input: '(object that is not JSON)' });
    expect(bad.text).toContain('That action is not valid: Unrecognized key: "self"');
  });

  it('gives a refusal its namespaced reason and detail, a locked exit and a missing one alike', async () => {
    const env = await openAgentWorld({ content });
    const none = await env.step({ kind: 'move', dir: 'up' });
    expect(none.status).toBe('refused');
    expect(none.events).toEqual([{ type: 'refused', kind: 'move', reason: 'move/no-exit', detail: { dir: 'up' }, player: 'p-local', location: 'harbor-quay' }]);
    await walk(env, route(content, 'harbor-quay', 'tide-pools'));
    const locked = await env.step('go in');
    expect(locked.status).toBe('refused');
    expect(locked.events).toEqual([
      { type: 'refused', kind: 'move', reason: 'move/locked', detail: { dir: 'in', lock: 'sea-grate', tool: 'barnacled-key' }, player: 'p-local', location: 'tide-pools' },
    ]);
    expect(locked.text).toContain('The iron grate is locked');
  });

  it('rewards without prose: things gathered and crafted, EXP and loot of a defeated enemy, nothing for a glance', async () => {
    const env = await openAgentWorld({ content, seed: 1 });
    expect(env.opening.reward.gained).toEqual(env.opening.observation.player!.inventory.map((s) => ({ item: s.id, qty: s.qty })));
    await env.step('west');
    const gathered = await env.step({ kind: 'gather', target: 'driftwood-pile' });
    expect(gathered.reward).toEqual({ exp: 0, levels: 0, gained: [{ item: 'driftwood', qty: 2 }], lost: [], coin: 0 });
    expect((await env.step('look')).reward).toEqual({ exp: 0, levels: 0, gained: [], lost: [], coin: 0 });
    // The golden transcript's way to a spear (tests/golden/full-session.txt), by text.
    for (const line of ['gather driftwood', 'gather driftwood', 'gather flint', 'gather flint', 'gather flint', 'east', 'south',
      'gather kelp', 'gather kelp', 'gather kelp', 'gather salt', 'craft kelp cord', 'craft kelp cord', 'craft flint pickaxe']) {
      expect((await env.step(line)).status, line).toBe('ok');
    }
    const spear = await env.step({ kind: 'craft', target: 'flint-spear' });
    const recipe = content.recipes.get('flint-spear')!;
    expect(spear.reward.gained).toEqual([{ item: 'flint-spear', qty: 1 }]);
    expect(spear.reward.lost).toEqual(recipe.inputs.map((i) => ({ item: i.item, qty: i.qty })).sort((x, y) => (x.item < y.item ? -1 : 1)));
    // What is worn is still had: readying the spear is no loss.
    expect((await env.step({ kind: 'equip', target: 'flint-spear' })).reward).toEqual({ exp: 0, levels: 0, gained: [], lost: [], coin: 0 });
    await env.step('north');
    await env.step('west');
    let exp = 0;
    let defeat;
    for (let i = 0; i < 5 && !defeat; i += 1) {
      const blow = await env.step({ kind: 'attack', target: 'tide-crab' });
      exp += blow.reward.exp;
      const e = blow.events.find((x) => x.type === 'enemy-defeated');
      if (e?.type !== 'enemy-defeated') continue;
      defeat = e;
      expect(blow.reward.exp).toBe(e.shares.find((s) => s.player === 'p-local')!.exp);
      expect(blow.reward.gained).toEqual(e.loot.map((l) => ({ item: l.item, qty: l.qty })));
    }
    expect(defeat, 'the crab is beaten (as in the golden transcript)').toBeDefined();
    expect(exp).toBe(content.enemies.get('tide-crab')!.exp);
    expect(env.observe().player!.exp).toBe(exp);
  });

  it('starts again with reset: the same seed gives the same world, another seed another', async () => {
    const env = await openAgentWorld({ content, seed: 5 });
    const first = env.opening.observation.stateHash;
    await env.step('west');
    await env.step('gather driftwood');
    const again = await env.reset();
    expect(again.observation.stateHash).toBe(first);
    expect(again.observation.player!.inventory).toEqual(env.opening.observation.player!.inventory);
    expect(again.text).toContain('You step onto Vetrellis Isle as Wanderer.');
    const other = await env.reset(6);
    expect(other.observation.stateHash).not.toBe(first);
    expect((await env.step('west')).observation.location?.id).toBe('driftwood-beach');
  });
});

describe('the agent world kept in a folder', () => {
  it('goes on where it was left, and will not be reset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetrellis-agent-'));
    dirs.push(dir);
    const folder = join(dir, 'world');
    const env = await openAgentWorld({ content, world: folder, name: 'Bot' });
    expect(env.opening.events[0]).toMatchObject({ type: 'joined', name: 'Bot' });
    await env.step({ kind: 'move', dir: 'west' });
    const gathered = await env.step({ kind: 'gather', target: 'driftwood-pile' });
    expect(gathered.reward.gained).toEqual([{ item: 'driftwood', qty: 2 }]);
    await expect(env.reset(2)).rejects.toThrow('Only a world kept in memory can be reset');
    await env.close();

    const back = await openAgentWorld({ content, world: folder, name: 'Bot' });
    try {
      expect(back.opening.text).toContain('Welcome back to Vetrellis, Bot.');
      expect(back.opening.events).toEqual([]);
      expect(back.observe().location?.id).toBe('driftwood-beach');
      const pack = await back.step({ kind: 'inventory' });
      expect(pack.events.map((e) => e.type)).toEqual(['inventory-shown']);
      expect(pack.observation.player!.inventory).toEqual(gathered.observation.player!.inventory);
      // A glance writes nothing: the world's state is as it was.
      expect(pack.observation.stateHash).toBe(back.opening.observation.stateHash);
    } finally {
      await back.close();
    }
  }, 30_000);
});
