/**
 * Players of one shared world in tests of speech between them: each a SharedWorldBackend with its
 * own key and a session whose game clock ticks 10 s a command; helpers wait for what they hear.
 *
 *   const ana = await joinShared(relay, worldKey, 'Ana', { name: 'Whispers' });
 *   await bo.session.handle('tell ana hi'); await heard(ana.session, 'Bo tells you');
 */
import { Session } from '../../src/session/index.ts';
import { SharedWorldBackend } from '../../src/session/shared-world-backend.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import type { RelayChoice } from '../../src/sync/world/relay-link.ts';
import { vetrellis } from '../golden/transcript.ts';

export async function joinShared(relay: RelayChoice, worldKey: string, name: string, create?: { name: string }): Promise<{ world: SharedWorldBackend; session: Session }> {
  const world = await SharedWorldBackend.open({ content: vetrellis(), worldKey, identity: createIdentity(), store: new MemoryDocStore(), name, relay, ...(create ? { create } : {}) });
  let t = 0;
  const session = new Session(world, { name, clock: () => 1_000_000 + (t += 1) * 10_000 });
  session.start();
  return { world, session };
}

/** Polls what the session is told until a line holds `text`, or fails after `ms`; returns all it heard. */
export async function heard(session: Session, text: string, ms = 5000): Promise<string[]> {
  const seen: string[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    seen.push(...session.poll().map((l) => l.text));
    if (seen.some((l) => l.includes(text))) return seen;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`never heard "${text}"; heard:\n${seen.join('\n')}`);
}

export async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
