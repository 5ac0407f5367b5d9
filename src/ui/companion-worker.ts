/**
 * The Web Worker a companion plays in, started by the tab that invited it (companion-host.ts) and
 * gone when that tab closes: its own key and copy of the world in IndexedDB (profile
 * `companionProfile`), the tab's relay and world key from the share link, and the same rules and
 * intents as anyone's. Its code (the agent, the mind, the sync layer) is this worker's own chunk,
 * fetched only when a companion is invited or wakes.
 */
import { companionProfile, openAgentWorld } from '../agent/browser.ts';
import { serveCompanion, type FromCompanion, type ToCompanion } from '../agent/companion/service.ts';
import { loadContent } from './content.ts';

const scope = globalThis as unknown as { postMessage(m: FromCompanion): void; onmessage: ((e: MessageEvent<ToCompanion>) => void) | null };

const serve = serveCompanion(
  async (start) => openAgentWorld({
    content: await loadContent(), join: start.link, name: start.name, companionOf: start.friend, clock: 'real',
    profile: companionProfile(start.link, start.name),
  }),
  (m) => scope.postMessage(m),
);
scope.onmessage = (e) => serve(e.data);
