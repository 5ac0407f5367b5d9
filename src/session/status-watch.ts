/**
 * Tells a shared world's listener when its status (connection, own writes the relay has not
 * confirmed, tab role, who is online, the roster) or its state changed without news, so the web
 * app follows the world instead of asking it over and over.
 *
 * Presence changes arrive as events (the zone's awareness, followed across zones) and so do
 * re-folds (the world's own changes). SharedWorld publishes no event yet for its connection, the
 * relay's confirmations, a watching tab's promotion or roster edits; until it does, a slow check
 * stands in for them, and listeners still hear only of real changes.
 *
 *   const stop = watchStatus(shared, () => backend.status(), () => render());
 */
import type { SharedWorld } from '../sync/world/shared-world.ts';
import type { WorldStatus } from './world.ts';

/** How often what SharedWorld publishes no event for is looked at. */
const CHECK_EVERY_MS = 1000;

type Watched = Pick<SharedWorld, 'onChange' | 'presence' | 'state'>;

export function watchStatus(shared: Watched, read: () => WorldStatus, changed: () => void): () => void {
  let presence: Watched['presence'] | undefined;
  let stopPresence: (() => void) | undefined;
  let status = '';
  let state = shared.state;
  /** The zone's presence changes with the zone: listen to the current one. */
  const follow = (): void => {
    if (shared.presence === presence) return;
    stopPresence?.();
    presence = shared.presence;
    stopPresence = presence?.onChange(check);
  };
  const seen = (): boolean => {
    follow();
    const next = JSON.stringify(read());
    const same = next === status && shared.state === state;
    status = next;
    state = shared.state;
    return same;
  };
  function check(): void {
    let same: boolean;
    try {
      same = seen();
    } catch {
      // The world was closed under a listener that did not unsubscribe: nothing more to follow.
      stop();
      return;
    }
    if (!same) changed();
  }
  seen();
  // The world's own changes reach the listener as news already; only note what they changed.
  const stopChanges = shared.onChange(() => void seen());
  const timer = setInterval(check, CHECK_EVERY_MS);
  (timer as { unref?: () => void }).unref?.();
  function stop(): void {
    clearInterval(timer);
    stopChanges();
    stopPresence?.();
  }
  return stop;
}
