/**
 * Moving by exits, and locks. A locked exit opens for a player who carries (or wears) its key:
 * passing through with it unlocks it on the way (`unlocked`, then `moved`), and `use <key>` opens
 * a lock of an exit here. An opened lock becomes a world flag, so it stays open for everyone.
 *
 * Fleeing: a player who moves away from a fight takes one parting blow from the enemy first, then
 * leaves (if still standing) and is no longer fighting. There is no `move/in-combat` refusal.
 */
import type { Direction, Exit, Id } from '../../content/schema.ts';
import { DIRECTIONS } from '../../content/vocabulary.ts';
import type { ActionOf } from '../action.ts';
import type { PlayerState } from '../state.ts';
import { copyPlayer, withPlayer } from '../state.ts';
import { hasItem } from '../inventory.ts';
import { enemyAlive } from '../timers.ts';
import { clockAt, closedBy, holdsAt } from '../clock.ts';
import { indexContent, listAt } from '../content-index.ts';
import type { Refusal, Turn } from '../turn.ts';
import { emit, insertSorted, putPlayer, refuse, setFlag } from '../turn.ts';
import { enemyStrike } from './battle.ts';

function isLocked(t: Turn, exit: Exit): boolean {
  return exit.lock !== undefined && !t.state.flags.includes(exit.lock.id);
}

function unlock(t: Turn, p: PlayerState, exit: Exit): void {
  if (!exit.lock) return;
  setFlag(t, exit.lock.id);
  emit(t, { type: 'unlocked', dir: exit.dir, lock: exit.lock.id, key: exit.lock.key, player: p.id, location: p.location });
}

export function applyMove(t: Turn, p: PlayerState, a: ActionOf<'move'>): Refusal | undefined {
  const here = t.content.locations.get(p.location);
  const exit = here?.exits.find((e) => e.dir === a.dir);
  if (!exit || !t.content.locations.has(exit.to)) return refuse('move/no-exit', { dir: a.dir });
  const shut = exit.while !== undefined ? closedBy(clockAt(t.content, t.state.seed, t.now), exit.while) : null;
  if (shut !== null) return refuse(`move/${shut}`, { dir: a.dir });
  const locked = isLocked(t, exit);
  if (locked && !hasItem(p.inventory, p.equipment, exit.lock!.key)) {
    return refuse('move/locked', { dir: a.dir, lock: exit.lock!.id, tool: exit.lock!.key });
  }
  let me = p;
  if (me.fighting !== null) {
    if (enemyAlive(t.content, t.state, me.location, me.fighting, t.now)) {
      me = enemyStrike(t, me, me.fighting);
      t.answered = true;
      if (t.defeated) {
        putPlayer(t, me);
        return undefined;
      }
    }
    me = withPlayer(me, { fighting: null });
  }
  if (locked) unlock(t, me, exit);
  const firstVisit = !me.visited.includes(exit.to);
  emit(t, { type: 'moved', dir: a.dir, to: exit.to, firstVisit, player: t.intent.player, location: t.where });
  const moved = copyPlayer(me);
  moved.location = exit.to;
  moved.visited = insertSorted(me.visited, exit.to);
  moved.firstVisit = firstVisit;
  putPlayer(t, ambush(t, moved));
  return undefined;
}

/**
 * A creature in the room just entered whose `ambush` holds now (a night hunter) falls on the
 * newcomer: they are fighting it, and its first blow lands at once (the turn's answer).
 */
function ambush(t: Turn, p: PlayerState): PlayerState {
  for (const enemy of listAt(indexContent(t.content).enemiesAt, p.location)) {
    if (enemy.ambush === undefined || !holdsAt(t.content, t.state.seed, t.now, enemy.ambush)) continue;
    if (!enemyAlive(t.content, t.state, p.location, enemy.id, t.now)) continue;
    emit(t, { type: 'ambushed', enemy: enemy.id, player: p.id, location: p.location });
    t.answered = true;
    return enemyStrike(t, withPlayer(p, { fighting: enemy.id }), enemy.id);
  }
  return p;
}

/** `use <key>` (optionally `with` a direction): opens a locked exit here that the key fits. */
export function applyUseKey(t: Turn, p: PlayerState, key: Id, dir: string | undefined): Refusal | undefined {
  const here = t.content.locations.get(p.location);
  const exit = here?.exits.find(
    (e) => e.lock !== undefined && e.lock.key === key && isLocked(t, e) && (dir === undefined || e.dir === dir),
  );
  if (!exit) {
    const named = (DIRECTIONS as readonly string[]).includes(dir ?? '') ? { dir: dir as Direction } : {};
    return refuse('use/no-lock', { item: key, ...named });
  }
  unlock(t, p, exit);
  return undefined;
}
