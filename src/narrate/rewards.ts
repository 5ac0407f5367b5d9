/**
 * What an enemy's defeat gives, told to each player who had a part in it: the EXP shared by
 * damage dealt and the loot, said once ("You gain 12 EXP (Bo gains 8). You take a boar hide.";
 * what did not fit: "Your pack is full: a boar tusk falls to the ground.").
 *
 *   rewardLines(content, state, event, 'ana') // [] for a viewer who had no part in it
 */
import type { Content } from '../content/schema.ts';
import type { EventOf, GameState, LootPortion } from '../engine/index.ts';
import { coins } from './coins.ts';
import { itemName, playerName } from './names.ts';
import { line, type ProseLine } from './prose.ts';
import { capitalise, counted, listing } from './words.ts';

type Things = readonly { readonly item: string; readonly qty: number }[];

function things(content: Content, list: Things): string {
  return listing(list.map((l) => { const n = itemName(content, l.item); return counted(l.qty, n.name, n.plural); }));
}

/** `loot` less what fell to the floor. */
function kept(loot: Things, dropped: Things): Things {
  const out: { item: string; qty: number }[] = [];
  for (const l of loot) {
    const fell = dropped.filter((d) => d.item === l.item).reduce((n, d) => n + d.qty, 0);
    if (l.qty > fell) out.push({ item: l.item, qty: l.qty - fell });
  }
  return out;
}

export function rewardLines(content: Content, state: GameState, e: EventOf<'enemy-defeated'>, viewer: string): ProseLine[] {
  const { shares, looter, dropped } = e;
  const mine = shares.find((s) => s.player === viewer)?.exp ?? 0;
  const portion = e.portions?.find((x) => x.player === viewer);
  if (viewer !== e.player && viewer !== looter && mine === 0 && !portion) return [];
  const parts: string[] = [];
  const others = shares.filter((s) => s.player !== viewer).map((s) => `${playerName(state, s.player)} gains ${s.exp}`);
  const besides = viewer === e.player && others.length > 0 ? ` (${listing(others)})` : '';
  parts.push(mine > 0 ? `You gain ${mine} EXP${besides}.` : `You gain no EXP from it${besides}.`);
  const taken = kept(e.loot, dropped);
  if (e.portions) {
    parts.push(...portionParts(content, state, e.portions, viewer));
    if (dropped.length > 0) parts.push(`There is no room for the rest: ${things(content, dropped)} ${fall(dropped)} to the ground.`);
  } else if (looter === viewer) {
    if (taken.length > 0) parts.push(`You take ${things(content, taken)}.`);
    if (e.coin !== undefined) parts.push(`You find ${e.coin} coin${e.coin === 1 ? '' : 's'} on it.`);
    if (dropped.length > 0) parts.push(`Your pack is full: ${things(content, dropped)} ${fall(dropped)} to the ground.`);
  } else {
    if (taken.length > 0) parts.push(`${playerName(state, looter)} takes ${things(content, taken)}.`);
    if (dropped.length > 0) parts.push(`${capitalise(things(content, dropped))} ${fall(dropped)} to the ground.`);
  }
  return [line('reward', parts.join(' '))];
}

/** A party's shared spoils: "You take a crab shell and 2 coins; Bo takes a crab claw and 1 coin." */
function portionParts(content: Content, state: GameState, portions: readonly LootPortion[], viewer: string): string[] {
  const what = (p: LootPortion) => listing([
    ...(p.items.length > 0 ? [things(content, p.items)] : []), ...(p.coin !== undefined ? [coins(p.coin)] : []),
  ]);
  const mine = portions.find((p) => p.player === viewer);
  const others = portions.filter((p) => p.player !== viewer).map((p) => `${playerName(state, p.player)} takes ${what(p)}`);
  const said = [...(mine ? [`you take ${what(mine)}`] : []), ...others].join('; ');
  return said === '' ? [] : [`The party shares the spoils: ${said}.`];
}

function fall(list: Things): string {
  return list.length === 1 && list[0]!.qty === 1 ? 'falls' : 'fall';
}
