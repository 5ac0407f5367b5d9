/**
 * What the world-file buttons do (issue 19), for the Worlds dialog and the first question alike:
 * download the open world, or open a picked file and go to its world. The code doing the work
 * (Yjs, every signature checked) is imported here when a player asks, never for the first screen.
 *
 *   const said = await downloadOpenWorld(app, withKey);   // a sentence for the player
 *   const opened = await openPickedWorldFile(app, input.files[0]);
 */
import type { AppState } from './app.svelte.ts';
import { relayMove, routeHash } from './route.ts';

const loadCode = () => Promise.all([import('../session/browser-world-file.ts'), import('../session/browser-world.ts')]);
const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Outcome of a world-file action: a sentence for the player, and whether it went well. */
export interface WorldFileOutcome {
  readonly ok: boolean;
  readonly text: string;
}

/** Downloads the open (shared) world as a `.world` file through the browser. */
export async function downloadOpenWorld(app: AppState, withKey: boolean): Promise<WorldFileOutcome> {
  const w = app.current;
  try {
    if (!w || w.kind !== 'shared' || !app.content) throw new Error('no shared world is open');
    const [{ downloadBrowserWorld }, { relayForPage }] = await loadCode();
    const file = await downloadBrowserWorld({ content: app.content, worldKey: w.key, relay: relayForPage(location, w.relay ?? null), withKey, label: w.name });
    const url = URL.createObjectURL(new Blob([file.text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file.fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    const junk = file.leftOut > 0 ? ` ${file.leftOut} stored entries that do not verify were left out.` : '';
    const key = file.withKey ? 'Your player key is in it: keep the file private.' : 'Your player key is not in it: opened elsewhere, you arrive as a newcomer.';
    return { ok: true, text: `Downloaded ${file.name} as ${file.fileName} (${file.intents} entries).${junk} ${key}` };
  } catch (error) {
    return { ok: false, text: `The world could not be downloaded: ${reason(error)}.` };
  }
}

/**
 * Opens a picked world file: checked whole, kept in this browser, then its world is opened (its
 * link becomes the address). A refused file changes nothing.
 */
export async function openPickedWorldFile(app: AppState, picked: File): Promise<WorldFileOutcome> {
  try {
    if (!app.content) throw new Error('the isle has not loaded yet');
    const [{ openBrowserWorldFile }, { relayForPage }] = await loadCode();
    const opened = await openBrowserWorldFile(app.content, picked);
    if (app.current?.key === opened.worldKey) await app.reopen();
    else location.hash = routeHash(opened.worldKey, relayMove(null, opened.relay, relayForPage(location, null)));
    const as = opened.withKey ? ': you play it as the character the file carries' : '';
    return { ok: true, text: `Opened ${opened.name} from ${picked.name} (${opened.intents} entries)${as}.` };
  } catch (error) {
    return { ok: false, text: `${picked.name} could not be opened: ${reason(error)}. Nothing was changed.` };
  }
}
