/**
 * Gathering from a node here: needs the node's tool (carried or worn, kept), costs its `spCost`
 * SP, takes `perGather` units (or what is left), must fit the carry limits, and depletes the node;
 * a dry node is full again `respawnMs` of game time after it ran dry (lazy, see timers.ts).
 * With `qty`, it takes that many units in as many batches as it takes (each costing `spCost`, the
 * last one only what is still wanted), in one turn; it stops early when the node runs dry, SP runs
 * short or the pack is full, and says so (`asked`, `stopped`). Only the first batch can refuse.
 */
import type { ActionOf } from '../action.ts';
import type { PlayerState } from '../state.ts';
import { copyPlayer } from '../state.ts';
import { addToPack, hasItem, overLimits } from '../inventory.ts';
import { nodeStateAt } from '../timers.ts';
import { clockAt, closedBy } from '../clock.ts';
import type { Refusal, Turn } from '../turn.ts';
import { emit, putNode, putPlayer, refuse, refuseOverLimit } from '../turn.ts';

export function applyGather(t: Turn, p: PlayerState, a: ActionOf<'gather'>): Refusal | undefined {
  const node = t.content.nodes.get(a.target);
  if (!node || node.location !== p.location) return refuse('gather/no-node', { target: a.target });
  const shut = node.while !== undefined ? closedBy(clockAt(t.content, t.state.seed, t.now), node.while) : null;
  if (shut !== null) return refuse(`gather/${shut}`, { target: node.id });
  if (node.tool !== undefined && !hasItem(p.inventory, p.equipment, node.tool)) {
    return refuse('gather/no-tool', { target: node.id, tool: node.tool });
  }
  const s = nodeStateAt(t.content, t.state, node.id, t.now)!;
  if (s.remaining === 0) {
    return refuse('gather/depleted', { target: node.id, readyAt: (s.depletedAt ?? t.now) + node.respawnMs });
  }
  if (p.sp < node.spCost) return refuse('gather/no-sp', { target: node.id, need: node.spCost, have: p.sp });
  const asked = a.qty;
  const first = Math.min(node.perGather, s.remaining, asked ?? node.perGather);
  const inventory = addToPack(t.content, p.inventory, node.resource, first);
  const over = overLimits(t.content, inventory, p.equipment);
  if (over) {
    return refuseOverLimit('gather', over, { item: node.resource, target: node.id });
  }
  // More batches while more were asked for: each costs `spCost` and must fit.
  let got = first;
  let remaining = s.remaining - first;
  let sp = p.sp - node.spCost;
  let pack = inventory;
  let stopped: 'depleted' | 'no-sp' | 'full' | undefined;
  while (asked !== undefined && got < asked) {
    if (remaining === 0) { stopped = 'depleted'; break; }
    if (sp < node.spCost) { stopped = 'no-sp'; break; }
    const batch = Math.min(node.perGather, remaining, asked - got);
    const next = addToPack(t.content, pack, node.resource, batch);
    if (overLimits(t.content, next, p.equipment)) { stopped = 'full'; break; }
    pack = next;
    got += batch;
    remaining -= batch;
    sp -= node.spCost;
  }
  putNode(t, node.id, { remaining, depletedAt: remaining === 0 ? t.now : null });
  const me = copyPlayer(p);
  me.inventory = pack;
  me.sp = sp;
  putPlayer(t, me);
  const fewer = stopped !== undefined ? { asked: asked!, stopped } : {};
  emit(t, { type: 'gathered', node: node.id, item: node.resource, qty: got, remaining, ...fewer, player: t.intent.player, location: t.where });
  return undefined;
}
