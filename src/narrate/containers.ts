/**
 * Prose of containers (chests, crates: engine/rules/containers.ts): what PUT, TAKE FROM, OPEN
 * and CLOSE tell the player who did it and those beside, why one was refused, and what LOOK IN
 * shows. Loaded after the first paint with the other later prose (later-prose.ts).
 *
 *   containerOwnLines(content, state, e) // [line('body', 'You put the rope in the sea chest.')]
 */
import type { Container, Content } from '../content/schema.ts';
import { compareCodeUnits, containerNow, indexContent, type EventOf, type GameEvent, type GameState } from '../engine/index.ts';
import { itemName } from './names.ts';
import { line, type ProseLine } from './prose.ts';
import { capitalise, counted, countedThe, kilograms, listing, withArticle, withThe } from './words.ts';

export type ContainerEvent = EventOf<'put'> | EventOf<'container-opened'> | EventOf<'container-closed'>;

function boxOf(content: Content, id: string | undefined): Container | undefined {
  return id === undefined ? undefined : indexContent(content).containers.get(id)?.container;
}

/** "the sea chest", for an id the network may have sent. */
export function containerThe(content: Content, id: string | undefined): string {
  return withThe(boxOf(content, id)?.name ?? (id ?? 'it').replace(/-/g, ' '));
}

function things(content: Content, id: string, qty: number, the: boolean): string {
  const n = itemName(content, id);
  return the ? countedThe(qty, n.name, n.plural) : counted(qty, n.name, n.plural);
}

export function containerOwnLines(content: Content, state: GameState, e: ContainerEvent): ProseLine[] {
  const box = containerThe(content, e.container);
  switch (e.type) {
    case 'put': return [line('body', `You put ${things(content, e.item, e.qty, true)} in ${box}.`)];
    case 'container-opened': {
      const lock = boxOf(content, e.container)?.lock;
      if (e.key !== undefined && lock) return [line('body', `${lock.opened} (You open ${box} with ${withThe(itemName(content, e.key).name)}.)`), ...contentsLines(content, state, e.container)];
      return [line('body', `You open ${box}.`), ...contentsLines(content, state, e.container)];
    }
    case 'container-closed': return [line('body', `You close ${box}.`)];
  }
}

export function containerOtherLines(content: Content, e: ContainerEvent | EventOf<'took'>, who: string): ProseLine[] {
  const box = containerThe(content, e.type === 'took' ? e.from : e.container);
  switch (e.type) {
    case 'took': return [line('other', `${who} takes ${things(content, e.item, e.qty, false)} from ${box}.`)];
    case 'put': return [line('other', `${who} puts ${things(content, e.item, e.qty, false)} in ${box}.`)];
    case 'container-opened': return [line('other', `${who} ${e.key !== undefined ? 'unlocks and opens' : 'opens'} ${box}.`)];
    case 'container-closed': return [line('other', `${who} closes ${box}.`)];
  }
}

/** What an open container holds, or that it is shut: the answer to LOOK IN, and told on opening. */
export function contentsLines(content: Content, state: GameState, id: string): ProseLine[] {
  const now = containerNow(content, state, id);
  const box = containerThe(content, id);
  if (!now) return [];
  if (!now.open) return [line('body', `${capitalise(box)} is shut${now.unlocked ? '' : ', and locked'}.`)];
  const held = Object.keys(now.items).sort(compareCodeUnits).map((item) => things(content, item, now.items[item]!, false));
  return [line('body', held.length > 0 ? `In ${box} you see ${listing(held)}.` : `${capitalise(box)} is empty.`)];
}

/** EXAMINE or LOOK IN a container: its description, then what it holds. */
export function describeContainer(content: Content, state: GameState, id: string): ProseLine[] {
  const box = boxOf(content, id);
  if (!box) return [];
  return [line('body', box.description), ...contentsLines(content, state, id)];
}

type Refused = EventOf<'refused'>;

export function containerRefusalText(content: Content, e: Refused): string {
  const d = e.detail;
  const box = containerThe(content, d.target);
  const item = d.item ? withArticle(itemName(content, d.item).name) : 'that';
  switch (e.reason) {
    case 'put/not-carried': return `You aren't carrying ${item}.`;
    case 'put/not-enough': return `You only have ${d.have ?? 0}.`;
    case 'put/no-container': case 'take/no-container': case 'open/no-container': case 'close/no-container':
      return "You can't see anything like that to hold things here.";
    case 'put/closed': case 'take/closed': return `${capitalise(box)} is shut. OPEN it first.`;
    case 'put/full': return `${capitalise(box)} has no room for that: it would be ${kilograms(d.overBy ?? 0)} over the ${kilograms(d.limit ?? 0)} it holds.`;
    case 'take/not-in': return `There is no ${d.item ? itemName(content, d.item).name : 'such thing'} in ${box} (any more).`;
    case 'open/no-lid': return `${capitalise(box)} has no lid; it stands open.`;
    case 'open/already': return `${capitalise(box)} is already open.`;
    case 'open/locked': {
      const lock = boxOf(content, d.target)?.lock;
      return `${lock?.locked ?? `${capitalise(box)} is locked.`} (You need ${d.tool ? withArticle(itemName(content, d.tool).name) : 'its key'}.)`;
    }
    case 'close/no-lid': return `${capitalise(box)} has no lid to close.`;
    case 'close/already': return `${capitalise(box)} is already shut.`;
    default: return "You can't do that.";
  }
}

export const isContainerEvent = (e: GameEvent): e is ContainerEvent => e.type === 'put' || e.type === 'container-opened' || e.type === 'container-closed';
