/**
 * What the scope will probably be after an intent, so later commands on the same line resolve
 * against it: in "take the rope then drop it" the drop finds the rope carried. A guess for the
 * parser only (the rules decide); if the take is refused, the session stops the chain anyway.
 *
 *   const next = projectScope(scope, { kind: 'take', target: 'rope' });
 */
import type { Action } from '../engine/action.ts';
import type { Scope, ScopeEntity } from '../engine/scope.ts';

type Where = ScopeEntity['where'];

/** Moves `n` of item `id` from one place to another, merging stacks. */
function shift(entities: ScopeEntity[], id: string, from: readonly Where[], to: Where | undefined, n: number): ScopeEntity[] {
  const i = entities.findIndex((e) => e.id === id && e.kind === 'item' && from.includes(e.where));
  if (i < 0) return entities;
  const src = entities[i]!;
  const moved = Math.min(n, src.qty);
  const out = [...entities];
  if (src.qty - moved > 0) out[i] = { ...src, qty: src.qty - moved };
  else out.splice(i, 1);
  if (to === undefined) return out;
  const j = out.findIndex((e) => e.id === id && e.kind === 'item' && e.where === to);
  if (j >= 0) out[j] = { ...out[j]!, qty: out[j]!.qty + moved };
  else out.push({ ...src, where: to, qty: moved });
  return out;
}

export function projectScope(scope: Scope, a: Action): Scope {
  let es = [...scope.entities];
  switch (a.kind) {
    case 'take': es = shift(es, a.target, ['here'], 'carried', a.qty ?? 1); break;
    case 'drop': es = shift(es, a.target, ['carried', 'worn'], 'here', a.qty ?? 1); break;
    case 'give': es = shift(es, a.target, ['carried', 'worn'], undefined, a.qty ?? 1); break;
    case 'use': {
      const e = es.find((x) => x.id === a.target && x.kind === 'item' && x.where === 'carried');
      if (e?.consumable) es = shift(es, a.target, ['carried'], undefined, 1);
      break;
    }
    case 'equip': {
      const e = es.find((x) => x.id === a.target && x.kind === 'item' && x.where === 'carried');
      const old = e?.slot ? es.find((x) => x.where === 'worn' && x.slot === e.slot) : undefined;
      if (old) es = shift(es, old.id, ['worn'], 'carried', 1);
      es = shift(es, a.target, ['carried'], 'worn', 1);
      break;
    }
    case 'unequip': {
      const worn = es.find((x) => x.where === 'worn' && (x.id === a.target || x.slot === a.target));
      if (worn) es = shift(es, worn.id, ['worn'], 'carried', 1);
      break;
    }
    default:
      return scope;
  }
  return { ...scope, entities: es };
}
