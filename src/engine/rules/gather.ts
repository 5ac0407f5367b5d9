/**
 * Gathering from a node here: needs the node's tool (carried or worn, kept), costs its `spCost`
 * SP, takes `perGather` units (or what is left), must fit the carry limits, and depletes the node;
 * a dry node is full again `respawnMs` of game time after it ran dry (lazy, see timers.ts).
 */
import type { ActionOf } from '../action.ts';
import type { PlayerState } from '../state.ts';
import { copyPlayer } from '../state.ts';
import { addToPack, hasItem, overLimits } from '../inventory.ts';
import { nodeStateAt } from '../timers.ts';
import type { Refusal, Turn } from '../turn.ts';
import { emit, putNode, putPlayer, refuse, refuseOverLimit } from '../turn.ts';

export function applyGather(t: Turn, p: PlayerState, a: ActionOf<'gather'>): Refusal | undefined {
  const node = t.content.nodes.get(a.target);
  if (!node || node.location !== p.location) return refuse('gather/no-node', { target: a.target });
  if (node.tool !== undefined && !hasItem(p.inventory, p.equipment, node.tool)) {
    return refuse('gather/no-tool', { target: node.id, tool: node.tool });
  }
  const s = nodeStateAt(t.content, t.state, node.id, t.now)!;
  if (s.remaining === 0) {
    return refuse('gather/depleted', { target: node.id, readyAt: (s.depletedAt ?? t.now) + node.respawnMs });
  }
  if (p.sp < node.spCost) return refuse('gather/no-sp', { target: node.id, need: node.spCost, have: p.sp });
  const qty = Math.min(node.perGather, s.remaining);
  const inventory = addToPack(t.content, p.inventory, node.resource, qty);
  const over = overLimits(t.content, inventory, p.equipment);
  if (over) {
    return refuseOverLimit('gather', over, { item: node.resource, target: node.id });
  }
  const remaining = s.remaining - qty;
  putNode(t, node.id, { remaining, depletedAt: remaining === 0 ? t.now : null });
  const me = copyPlayer(p);
  me.inventory = inventory;
  me.sp = p.sp - node.spCost;
  putPlayer(t, me);
  emit(t, { type: 'gathered', node: node.id, item: node.resource, qty, remaining, player: t.intent.player, location: t.where });
  return undefined;
}
