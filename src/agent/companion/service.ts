/**
 * A companion run by messages, as the web app's Web Worker runs one (src/ui/companion-worker.ts):
 * `start` opens its world (its own key and copy, `open`) and sets its mind to play; `stop`
 * stops it, flushes its writes to the relay and closes the world. What happens is told back as
 * messages: `awake` once it plays, `deed` for each thing it does, `failed` with words a player
 * can read, `stopped` once its world is closed.
 *
 *   const serve = serveCompanion((req) => openAgentWorld({ ... }), (m) => postMessage(m));
 *   onmessage = (e) => serve(e.data);   // { type: 'start', link, name, friend } | { type: 'stop' }
 */
import type { AgentWorld } from '../agent-world.ts';
import { Companion } from './companion.ts';

export interface CompanionStart {
  readonly type: 'start';
  /** The world's share link (the tab's own). */
  readonly link: string;
  /** The name to join by (a returning companion keeps the one its character has). */
  readonly name: string;
  /** The friend's name, as the roster has it. */
  readonly friend: string;
}

export type ToCompanion = CompanionStart | { readonly type: 'stop' };

export type FromCompanion =
  | { readonly type: 'awake'; readonly name: string; readonly player: string }
  | { readonly type: 'deed'; readonly text: string }
  | { readonly type: 'failed'; readonly reason: string }
  | { readonly type: 'stopped' };

/** Handles one message; messages after `stop` are ignored (a worker is made for one companion). */
export function serveCompanion(open: (start: CompanionStart) => Promise<AgentWorld>, post: (m: FromCompanion) => void): (m: ToCompanion) => void {
  let opening: Promise<{ env: AgentWorld; companion: Companion } | null> | null = null;
  let stopping = false;
  const begin = async (start: CompanionStart) => {
    let env: AgentWorld;
    try {
      env = await open(start);
    } catch (err) {
      post({ type: 'failed', reason: `${start.name} could not join the world: ${err instanceof Error ? err.message : String(err)}` });
      return null;
    }
    const me = env.observe().player;
    const refusal = env.world.status()?.role === 'watcher'
      ? `${start.name} is already keeping you company in another tab of this browser.`
      : me ? null : `${start.name} could not come ashore: ${env.opening.text.split('\n')[0] ?? 'no character was found'}`;
    if (refusal !== null || stopping) {
      await env.close();
      if (refusal !== null) post({ type: 'failed', reason: refusal });
      return null;
    }
    const name = me!.name;
    const companion = new Companion(env, {
      name, friend: start.friend,
      onDeed: (deed, reply) => post({ type: 'deed', text: `${deed.why}: ${reply.text.split('\n')[0] ?? ''}` }),
      onFollowed: (text) => post({ type: 'deed', text: `following ${start.friend}: ${text}` }),
    });
    companion.start();
    post({ type: 'awake', name, player: env.world.player });
    return { env, companion };
  };
  return (m) => {
    if (stopping) return;
    if (m.type === 'start') {
      opening ??= begin(m);
      return;
    }
    stopping = true;
    void (async () => {
      const running = await opening;
      if (running) {
        running.companion.stop();
        await running.companion.idle();
        await running.env.close();
      }
      post({ type: 'stopped' });
    })();
  };
}
