/**
 * Mechanisms (content's `Location.mechanisms`): things of a room that work, worked in one order
 * by anyone. The state keeps how many parts are done in order; the right next part moves it on,
 * any other undoes it (the first part starts it again), and the last sets the mechanism's flag.
 * Once its flag is set a mechanism is solved for good and its parts only work as they always do.
 *
 *   workMechanisms(t, 'brass-vane') // after a `worked` event for the brass vane
 */
import type { Id } from '../../content/schema.ts';
import { entry } from '../records.ts';
import type { Turn } from '../turn.ts';
import { emit, putMechanism, setFlag } from '../turn.ts';

export function workMechanisms(t: Turn, part: Id): void {
  for (const m of t.content.locations.get(t.where)?.mechanisms ?? []) {
    if (!m.order.includes(part) || t.state.flags.includes(m.sets)) continue;
    const done = entry(t.state.mechanisms, m.id) ?? 0;
    let outcome: 'step' | 'reset' | 'solved';
    if (m.order[done] === part) {
      outcome = done + 1 === m.order.length ? 'solved' : 'step';
      putMechanism(t, m.id, outcome === 'solved' ? 0 : done + 1);
      if (outcome === 'solved') setFlag(t, m.sets);
    } else {
      outcome = 'reset';
      putMechanism(t, m.id, m.order[0] === part ? 1 : 0);
    }
    emit(t, { type: 'mechanism', mechanism: m.id, outcome, player: t.intent.player, location: t.where });
  }
}
