/**
 * Golden transcripts, pinned exactly: a whole first session on Vetrellis (gather, craft a tool,
 * gather with it, craft gear, equip it, fight and level up, heal with a crafted potion), and an
 * NPC's gifts carried across zone borders (the path that once wiped characters in kept worlds).
 * The milestones are also checked from the events, so a regenerated file cannot quietly lose one.
 * Regenerate after a deliberate change with `UPDATE_GOLDEN=1 npx vitest run tests/golden`.
 *
 * Parity is a standing rule: the same transcripts are also played in the terminal client on each
 * backend of tests/cli/backends.ts (in memory, kept on disk, shared through a real relay), and
 * must read as pinned, with only the dice and the time of day set aside where those differ.
 * Through the relay, a second client then joins by the share link and finds the same world.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKENDS, comparable, playInClient, setUpWorlds, type Backend, type ClientRun } from '../cli/backends.ts';
import { replies, runAgent, type AgentReply } from '../cli/helpers.ts';
import type { Observation } from '../../src/session/index.ts';
import { commandsOf, playTranscript, readTranscript, vetrellis, type Played } from './transcript.ts';

const SESSION = 'full-session.txt';
const GIFTS = 'gift-crossing.txt';

/** Plays a pinned file in memory (in this process), rewriting it under UPDATE_GOLDEN=1. */
async function playPinned(file: string): Promise<{ pinned: string; played: Played }> {
  const pinned = readTranscript(file);
  const played = await playTranscript(commandsOf(pinned));
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(resolve(import.meta.dirname, file), played.transcript);
  else expect(played.transcript).toBe(pinned);
  return { pinned, played };
}

describe('golden transcript: a first session', () => {
  it('plays exactly as pinned, with every milestone of the session', async () => {
    const { played } = await playPinned(SESSION);
    const content = vetrellis();
    const kinds = (type: string) => played.events.filter((e) => e.type === type);
    const crafted = played.events.flatMap((e) => (e.type === 'crafted' ? [e.item] : []));
    const gathered = played.events.flatMap((e) => (e.type === 'gathered' ? [e.node] : []));
    const firstToolCraft = crafted.findIndex((id) => content.items.get(id)?.kind === 'tool');
    expect(firstToolCraft).toBeGreaterThanOrEqual(0);
    const toolNode = [...content.nodes.values()].find((n) => n.tool && gathered.includes(n.id));
    expect(toolNode, 'gathered from a node that needs a crafted tool').toBeDefined();
    expect(crafted.some((id) => content.items.get(id)?.kind === 'armour' || content.items.get(id)?.kind === 'weapon')).toBe(true);
    expect(kinds('equipped').length).toBeGreaterThan(0);
    expect(kinds('enemy-defeated').length).toBeGreaterThan(0);
    expect(kinds('level-up').length).toBeGreaterThan(0);
    const drank = played.events.flatMap((e) => (e.type === 'consumed' ? [e.item] : []));
    expect(drank.some((id) => crafted.includes(id) && content.items.get(id)?.kind === 'potion')).toBe(true);
    expect(played.replies.every((r) => r.status !== 'error')).toBe(true);
  });
});

describe('golden transcript: gifts carried across zone borders', () => {
  it('plays exactly as pinned, and the gifts survive every crossing', async () => {
    const { played } = await playPinned(GIFTS);
    const content = vetrellis();
    const gifts = played.events.flatMap((e) => (e.type === 'talked' && e.gave ? [e.gave.item] : []));
    expect(gifts).toEqual(['healing-draught', 'sea-biscuit']);
    // Six zone borders crossed while carrying them, each followed by a look in the pack.
    let zone = content.locations.get(content.world.start)!.zone;
    let crossings = 0;
    for (const e of played.events) {
      if (e.type !== 'moved') continue;
      const next = content.locations.get(e.to)!.zone;
      if (next !== zone) crossings += 1;
      zone = next;
    }
    expect(crossings).toBe(6);
    const inventories = played.replies.filter((r) => r.input === 'i').map((r) => r.text);
    expect(inventories).toHaveLength(4);
    for (const text of inventories) expect(text).toContain('a healing draught');
    for (const text of inventories.slice(1)) expect(text).toContain('two sea biscuits');
    expect(played.observation.player?.inventory.map((s) => [s.id, s.qty])).toEqual([['healing-draught', 1], ['sea-biscuit', 2]]);
    expect(played.replies.every((r) => r.status === 'ok')).toBe(true);
  });
});

/** The pinned files, and how a newcomer (who starts at the harbor) walks to where each ends. */
const TRANSCRIPTS = [
  { file: SESSION, walk: ['w', 'n', 'e'] },
  { file: GIFTS, walk: [] },
];

const worlds = setUpWorlds();
const runs = new Map<string, Promise<ClientRun & { args: string[] }>>();

/** The file played in the terminal client on a new world of `backend` (once per file). */
function playedIn(backend: Backend, file: string): Promise<ClientRun & { args: string[] }> {
  const key = `${backend.name}/${file}`;
  if (!runs.has(key)) {
    const args = worlds.args(backend);
    runs.set(key, playInClient(commandsOf(readTranscript(file)), args).then((run) => ({ ...run, args })));
  }
  return runs.get(key)!;
}

describe.each(BACKENDS)('golden transcripts in the terminal client, in $label', (backend) => {
  describe.each(TRANSCRIPTS)('$file', ({ file }) => {
    it('opens the world as pinned', async () => {
      const run = await playedIn(backend, file);
      expect(run.code).toBe(0);
      expect(comparable(backend, run.transcript).opening).toBe(comparable(backend, readTranscript(file)).opening);
    }, 180_000);

    it(`answers every command as pinned${backend.reference ? '' : ', the dice and the time of day aside'}`, async () => {
      const run = await playedIn(backend, file);
      expect(comparable(backend, run.transcript).replies).toEqual(comparable(backend, readTranscript(file)).replies);
    }, 180_000);
  });
});

describe.each(TRANSCRIPTS)('golden transcript $file through the relay, and a second client', ({ file, walk }) => {
  it('lets a client who joins by the link find the same world, and the character as the session left it', async () => {
    const relay = BACKENDS.find((b) => b.name === 'relay')!;
    const run = await playedIn(relay, file);
    expect(run.link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/w\/[A-Za-z0-9_-]+$/);
    const reference = (await playTranscript(commandsOf(readTranscript(file)))).observation;

    const bo = ['--world', worlds.dir(`bo-${file}`), '--join', run.link!, '--name', 'Bo'];
    const seen = replies((await runAgent([...walk, 'look', 'examine wanderer'], bo)).stdout);
    const [look, examined] = seen.slice(-2);
    expect(look!.observation.location.id).toBe(reference.location!.id);
    expect(look!.observation.here.players.map((p) => [p.name, p.online])).toEqual([['Wanderer', false]]);
    expect(look!.text).toContain('Wanderer is here, fast asleep.');
    const worn = Object.values(reference.player!.equipment).flatMap((e) => (e ? [e.name] : []));
    expect(examined!.text).toMatch(new RegExp(`^Wanderer, level ${reference.player!.level}\\b`));
    for (const name of worn) expect(examined!.text).toContain(name);

    // The world holds the same character on both machines: Wanderer's own client, opened again,
    // reads what the world in memory read at the end, and both replicas agree to the last bit.
    const wanderer = replies((await runAgent(['help'], run.args.slice(0, 2))).stdout)[0]!;
    const boAgain = replies((await runAgent(['help'], bo.slice(0, 2))).stdout)[0]!;
    expect(situation(wanderer.observation)).toEqual(situation(reference));
    expect(boAgain.observation.stateHash).toBe(wanderer.observation.stateHash);
    expect(boAgain.observation.turn).toBe(wanderer.observation.turn);
  }, 180_000);
});

/** Where a player stands, and what they are and carry, without what the dice decide (HP, loot). */
function situation(o: Observation | AgentReply['observation']) {
  const { location, player } = o as Observation;
  const loot = new Set([...vetrellis().enemies.values()].flatMap((e) => e.loot.map((l) => l.item)));
  return {
    location: location?.id,
    level: player?.level,
    exp: player?.exp,
    equipment: player?.equipment,
    inventory: player?.inventory.filter((s) => !loot.has(s.id)).map((s) => [s.id, s.qty]),
  };
}
