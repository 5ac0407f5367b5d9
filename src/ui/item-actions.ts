/**
 * What a click on a carried or worn thing offers: the commands a player would type for it, in
 * the words the parser reads (drink/eat/use as the content says, wear or wield by slot, remove,
 * drop, examine). The menu types the chosen one into the story.
 *
 *   packActions(content, { id: 'healing-draught', name: 'healing draught' })
 *   // [{ label: 'drink', command: 'drink the healing draught' }, { label: 'drop', ... }, { label: 'examine', ... }]
 */
import type { Content } from '../session/index.ts';

export interface ItemAction {
  readonly label: string;
  readonly command: string;
}

const act = (verb: string, name: string): ItemAction => ({ label: verb, command: `${verb} the ${name}` });
const HELD = new Set(['mainHand', 'offHand']);

export function packActions(content: Content, stack: { readonly id: string; readonly name: string }): readonly ItemAction[] {
  const item = content.items.get(stack.id);
  const out: ItemAction[] = [];
  if (item?.consumable) out.push(act(item.consumable.verb, stack.name));
  if (item?.slot) out.push(act(HELD.has(item.slot) ? 'wield' : 'wear', stack.name));
  out.push(act('drop', stack.name), act('examine', stack.name));
  return out;
}

export function wornActions(name: string): readonly ItemAction[] {
  return [act('remove', name), act('examine', name)];
}
