/**
 * The golden transcript of a whole first session on Vetrellis: gather, craft a tool, gather with
 * it, craft gear, equip it, fight and level up, heal with a crafted potion. The prose is pinned
 * exactly; the milestones are also checked from the events, so a regenerated file cannot quietly
 * lose one. Regenerate after a deliberate change with `UPDATE_GOLDEN=1 npx vitest run tests/golden`.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandsOf, playTranscript, readTranscript, vetrellis } from './transcript.ts';

const FILE = 'full-session.txt';

describe('golden transcript: a first session', () => {
  it('plays exactly as pinned, with every milestone of the session', async () => {
    const pinned = readTranscript(FILE);
    const played = await playTranscript(commandsOf(pinned));
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(resolve(import.meta.dirname, FILE), played.transcript);
    else expect(played.transcript).toBe(pinned);

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
