/**
 * Golden transcript of each islander's day (issue 17): for every NPC, hour by hour through one
 * game day of a world with a fixed seed, where they are and what they are seen to do there. The
 * routine is a pure function of the world seed and game time (engine/living.ts), so the file is
 * the same on every machine and replica; a change to a schedule or an ambient line shows here.
 * Regenerate after a deliberate change with `UPDATE_GOLDEN=1 npx vitest run tests/golden`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ambientAt, clockAt, npcLocationAt } from '../../src/engine/index.ts';
import { vetrellis } from './transcript.ts';

const FILE = resolve(import.meta.dirname, 'npc-routines.txt');
const SEED = 20261207;

/** One game day from dawn, a line an hour: "07:00 Smithy: Bram quenches a blade; ..." */
function dayOf(npcId: string): string[] {
  const content = vetrellis();
  const npc = content.npcs.get(npcId)!;
  const hour = content.world.dayLengthMs / 24;
  const day = 3 * content.world.dayLengthMs;
  const out = [`${npc.name}:`];
  for (let h = 0; h < 24; h++) {
    const at = day + h * hour;
    const c = clockAt(content, SEED, at);
    const where = npcLocationAt(content, npc, at);
    const done = ambientAt(content, SEED, where, at - hour, at);
    const seen = done?.npc === npcId ? ` ${done.text}` : '';
    out.push(`  ${String(c.hour).padStart(2, '0')}:00 ${c.phase}, ${c.weather}, ${c.tide} tide. ${content.locations.get(where)!.name}.${seen}`);
  }
  return out;
}

describe('golden: each NPC over a game day', () => {
  it('keeps their hours and does their things as pinned', () => {
    const ids = [...vetrellis().npcs.keys()].sort();
    const text = ids.flatMap(dayOf).join('\n') + '\n';
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(FILE, text);
    else expect(text).toBe(readFileSync(FILE, 'utf8'));
    // Bram keeps the forge by day and the inn by night; Teodor mends nets of an evening.
    expect(text).toContain('12:00 day');
    expect(text).toMatch(/Bram:\n(.*\n)*  12:00 [^\n]*Smithy\./);
    expect(text).toMatch(/Bram:\n(.*\n)*  23:00 [^\n]*Anchor Inn\./);
    expect(text).toMatch(/Old Teodor:\n(.*\n)*  20:00 [^\n]*Net Sheds\./);
  });
});
