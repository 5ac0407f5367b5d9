/**
 * Tells a shared world's listener when its status (connection, own writes the relay has not
 * confirmed, tab role, who is online, the roster) or its state changed without news, so the web
 * app follows the world's events instead of asking it over and over. Listeners hear only of real
 * changes: an event that changed nothing the status shows is dropped.
 *
 *   const stop = watchStatus(shared, () => backend.status(), () => render());
 */
import type { SharedWorld } from '../sync/world/shared-world.ts';
import type { WorldStatus } from './world.ts';

type Watched = Pick<SharedWorld, 'onChange' | 'onStatus' | 'state'>;

export function watchStatus(shared: Watched, read: () => WorldStatus, changed: () => void): () => void {
  let status = JSON.stringify(read());
  let state = shared.state;
  const seen = (): boolean => {
    const next = JSON.stringify(read());
    const same = next === status && shared.state === state;
    status = next;
    state = shared.state;
    return same;
  };
  // The world's own changes reach the listener as news already; only note what they changed.
  const stopChanges = shared.onChange(() => void seen());
  const stopStatus = shared.onStatus(() => {
    if (!seen()) changed();
  });
  return () => {
    stopChanges();
    stopStatus();
  };
}
