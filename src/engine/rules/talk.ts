/**
 * Talking to an NPC here: without a topic, the greeting; with one, the first offered topic whose
 * id or keyword matches the whole topic, else the first with one matching any word of it, plural
 * and possessive endings aside (`topicStem`: "moonpetals" asks about "moonpetal"). A topic may set a world flag, and give an
 * item once per player (recorded in `PlayerState.gifts` as `<npc>/<topic>`, so topic ids need only
 * be unique per NPC); a gift that does not fit falls to the floor. Topics with `requires` are
 * offered only once that flag is known to the player, with `unless` only until then, with
 * `during`/`after` only while or after this player is on a quest (quest-index.ts: topicOffered).
 *
 * NPCs remember each player: talking to one puts it in the player's `regard` list (at 0 until a
 * favour, a quest's reward, raises it), so its greeting is `again` for someone it has met and
 * `fond` for someone whose favours have earned its regard, and the greeting otherwise.
 */
import { withPlayer } from '../state.ts';
import type { Npc } from '../../content/schema.ts';
import type { ActionOf } from '../action.ts';
import type { PlayerState } from '../state.ts';
import type { Refusal, Turn } from '../turn.ts';
import { emit, insertSorted, putPlayer, refuse, setFlag } from '../turn.ts';
import { deliverItems } from './progress.ts';
import { giftKeyOf } from '../gift-key.ts';
import { topicOffered } from '../quest-index.ts';
import { npcLocationAt } from '../living.ts';
import { compareCodeUnits } from '../../content/canonical.ts';

/**
 * A topic word as it is matched: lower case, without a possessive or a plural ending, so
 * "moonpetals" is "moonpetal", "berries" is "berry", "the lamp's" is "lamp".
 */
export function topicStem(word: string): string {
  const w = word.trim().toLowerCase().replace(/['’]s?$/, '');
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && /(ches|shes|sses|xes|zes)$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) return w.slice(0, -1);
  return w;
}

const stems = new WeakMap<Npc['topics'][number], readonly string[]>();

/** A topic's id and keywords as matched (topicStem), worked out once per topic of the content. */
function stemsOf(topic: Npc['topics'][number]): readonly string[] {
  let keys = stems.get(topic);
  if (!keys) stems.set(topic, (keys = [topic.id, ...topic.keywords].map(topicStem)));
  return keys;
}

export function applyTalk(t: Turn, p: PlayerState, a: ActionOf<'talk'>): Refusal | undefined {
  const npc = t.content.npcs.get(a.target);
  if (!npc) return refuse('talk/no-npc', { target: a.target });
  const place = npcLocationAt(t.content, npc, t.now);
  if (place !== p.location) {
    return npc.schedule.length > 0 ? refuse('talk/away', { target: npc.id, place }) : refuse('talk/no-npc', { target: a.target });
  }
  const known = p.regard?.find((r) => r.npc === npc.id);
  if (known === undefined) p = remembered(p, npc.id);
  if (a.topic === undefined) {
    const text = npc.fond !== undefined && known !== undefined && known.n >= npc.fond.regard ? npc.fond.text : known !== undefined && npc.again !== undefined ? npc.again : npc.greeting;
    emit(t, { type: 'talked', npc: npc.id, topic: null, text, gave: null, player: t.intent.player, location: t.where });
    if (known === undefined) putPlayer(t, p);
    return undefined;
  }
  // The first offered topic the whole phrase names, else the first one a word of it names
  // (whether a topic is offered is asked only of those that match).
  const offered = (tp: Npc['topics'][number]): boolean => topicOffered(t.content, t.state, p, tp);
  const phrase = topicStem(a.topic);
  const topic = npc.topics.find((tp) => stemsOf(tp).includes(phrase) && offered(tp)) ?? byWord(npc.topics, a.topic, offered);
  if (!topic) return refuse('talk/unknown-topic', { target: npc.id });
  if (topic.sets !== undefined) setFlag(t, topic.sets);
  const giftKey = giftKeyOf(npc.id, topic.id);
  const gives = topic.gives && !p.gifts.includes(giftKey) ? topic.gives : null;
  emit(t, { type: 'talked', npc: npc.id, topic: topic.id, text: topic.text, gave: gives ? { item: gives.item, qty: gives.qty } : null, player: t.intent.player, location: t.where });
  if (gives) {
    const me = deliverItems(t, withPlayer(p, { gifts: insertSorted(p.gifts, giftKey) }), gives.item, gives.qty);
    putPlayer(t, me);
  } else if (known === undefined) putPlayer(t, p);
  return undefined;
}

function byWord(topics: Npc['topics'], text: string, offered: (tp: Npc['topics'][number]) => boolean): Npc['topics'][number] | undefined {
  const words = text.split(/\s+/).map(topicStem).filter(Boolean);
  return topics.find((tp) => stemsOf(tp).some((k) => words.includes(k)) && offered(tp));
}

/** `p` with `npc` in their regard list (at 0): they have met. */
function remembered(p: PlayerState, npc: string): PlayerState {
  const regard = [...(p.regard ?? []), { npc, n: 0 }].sort((a, b) => compareCodeUnits(a.npc, b.npc));
  return withPlayer(p, { regard });
}
