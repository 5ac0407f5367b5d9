/**
 * Revisions: when the shared world re-folds (another player's earlier intent arrived late), tell
 * the viewer what changed in words: "Ana reached the moonpetal first; the moonpetal is no longer
 * in your pack." The input is structural so narration does not depend on the sync layer.
 */
import type { Content } from '../content/schema.ts';
import type { GameEvent, GameState } from '../engine/index.ts';
import { canonicalJson } from '../content/canonical.ts';
import { enemyName, itemName, nodeName, playerName } from './names.ts';
import { line, type ProseLine } from './prose.ts';
import { laterProse } from './later-prose.ts';
import { capitalise, counted, countedThe, listing, withThe } from './words.ts';

export interface RevisionLike {
  /** `name` when the cause's author may not be in `state` (it happened in another zone). */
  readonly causes: readonly { readonly player: string; readonly name?: string; readonly events: readonly GameEvent[] }[];
  readonly disappeared: readonly GameEvent[];
  readonly appeared: readonly GameEvent[];
  readonly inventory: readonly { readonly item: string; readonly delta: number }[];
}

/**
 * What of an event the viewer saw: the event less what only describes the world around their
 * deed (how many units a node still holds after their gather), which a re-fold may change
 * without changing what happened to them.
 */
function seenPart(e: GameEvent): string {
  if (e.type === 'gathered') {
    const { remaining: _remaining, ...rest } = e;
    return canonicalJson(rest);
  }
  return canonicalJson(e);
}

/** Events in `a` whose seen part has no match in `b` (multiset difference). */
function unmatched(a: readonly GameEvent[], b: readonly GameEvent[]): GameEvent[] {
  const counts = new Map<string, number>();
  for (const e of b) counts.set(seenPart(e), (counts.get(seenPart(e)) ?? 0) + 1);
  return a.filter((e) => {
    const n = counts.get(seenPart(e)) ?? 0;
    if (n > 0) counts.set(seenPart(e), n - 1);
    return n === 0;
  });
}

/**
 * A revision is told only when something the viewer saw changed: their pack, or an event of
 * theirs in what they saw of it. "Bo got to the shingle bank first" is not news when both ended
 * with the same three flints.
 */
export function narrateRevision(
  content: Content, state: GameState, rev: RevisionLike, viewer: string,
  /** Names players who are not in `state` (a shared world's roster): whom a trade was with. */
  nameOf?: (player: string) => string | undefined,
): ProseLine[] {
  const disappeared = unmatched(rev.disappeared, rev.appeared);
  const appeared = unmatched(rev.appeared, rev.disappeared);
  if (rev.inventory.length === 0 && disappeared.length === 0 && appeared.length === 0) return [];
  rev = { ...rev, disappeared, appeared };
  const firsts = rev.causes.flatMap((c) => {
    if (c.player === viewer) return [];
    const e = c.events.find((x) => x.type === 'took' || x.type === 'gathered' || x.type === 'enemy-defeated' || x.type === 'talked');
    const who = c.name ?? playerName(state, c.player);
    if (!e) return [];
    if (e.type === 'took') return [`${who} reached ${withThe(itemName(content, e.item).name)} first`];
    if (e.type === 'gathered') return [`${who} got to ${withThe(nodeName(content, e.node).name)} first`];
    if (e.type === 'enemy-defeated') return [`${who} struck the last blow against ${withThe(enemyName(content, e.enemy).name)}`];
    return [];
  });
  // A trade undone or made by the re-fold is said as a trade, not only as a pack that changed.
  const whose = (id: string) => state.players[id]?.name ?? rev.causes.find((c) => c.player === id && c.name !== undefined)?.name ?? nameOf?.(id) ?? 'the other side';
  const deals = [
    ...rev.disappeared.flatMap((e) => (e.type === 'traded' && (e.player === viewer || e.with === viewer) ? [`your trade with ${whose(e.player === viewer ? e.with : e.player)} did not stand`] : [])),
    ...rev.appeared.flatMap((e) => (e.type !== 'traded' ? [] : e.player === viewer ? [`your trade with ${whose(e.with)} stood`] : e.with === viewer ? [`${whose(e.player)} had accepted your offer`] : [])),
  ];
  firsts.push(...deals);
  const losses = rev.inventory.filter((d) => d.delta < 0);
  const lost = losses.map((d) => {
    const n = itemName(content, d.item);
    return countedThe(-d.delta, n.name, n.plural);
  });
  const gained = rev.inventory.filter((d) => d.delta > 0).map((d) => named(content, d.item, d.delta));
  const consequences: string[] = [];
  if (lost.length > 0) consequences.push(`${listing(lost)} ${losses.length === 1 && losses[0]!.delta === -1 ? 'is' : 'are'} no longer in your pack`);
  if (gained.length > 0) consequences.push(`you have ${listing(gained)} after all`);
  const refusals = rev.appeared.flatMap((e) => (e.type === 'refused' ? [laterProse()?.refusals.refusalText(content, state, e) ?? 'It did not stand.'] : []));

  const sentence = [firsts.length > 0 ? listing(firsts) : '', listing(consequences)].filter(Boolean).join('; ');
  // The sentence already says what changed; refusals that now stand in the log are only worth
  // telling when nothing else explains the revision.
  if (sentence) return [line('revision', `${capitalise(sentence)}.`)];
  if (refusals.length > 0) return refusals.map((text) => line('revision', `What you did a moment ago did not happen after all: ${text}`));
  if (rev.disappeared.length > 0 || rev.appeared.length > 0) return [line('revision', 'The world caught up with what others did meanwhile, and it changed what you saw.')];
  return [];
}

function named(content: Content, item: string, qty: number): string {
  const n = itemName(content, item);
  return counted(qty, n.name, n.plural);
}
