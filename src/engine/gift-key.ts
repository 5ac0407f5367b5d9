import type { Id } from '../content/schema.ts';

/**
 * The key a received NPC gift is remembered by: `<npc id>/<topic id>` (topic ids are unique per
 * NPC only). Apart from player-state.ts so the rules can make keys without the schemas.
 */
export function giftKeyOf(npc: Id, topic: Id): string {
  return `${npc}/${topic}`;
}
