/**
 * A quest begun, as its taker reads it: its opening words, then "New quest: Nobody Met the Boat."
 * Apart from quests.ts because the web app's first screen tells it (a quest begins as a new
 * player arrives), while the rest of quests' prose loads after the first paint (later-prose.ts).
 */
import type { Content } from '../content/schema.ts';
import type { EventOf } from '../engine/index.ts';
import { line, type ProseLine } from './prose.ts';

export function questBegunLines(content: Content, e: EventOf<'quest-started'>): ProseLine[] {
  const q = content.quests.get(e.quest);
  if (!q) return [];
  return [...(q.intro ? [line('body', q.intro)] : []), line('reward', `New quest: ${q.name}. (JOURNAL shows what to do.)`)];
}
