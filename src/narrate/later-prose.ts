/**
 * Prose the web app's first screen never needs, loaded apart from it (with the errands' code,
 * right after the first paint): what EXAMINE, INVENTORY and STATUS answer (details.ts), trade
 * (trade.ts), containers (containers.ts), why a deed was refused (refusals.ts), company
 * (party.ts) and moderation (moderation.ts). They answer what a player typed, and a typed command waits for them
 * (Session.#run), so the player never reads anything else. Only another player's trade or party
 * news seen in the first moments after the page opens, before they are in, is told in one plain
 * line.
 *
 *   await loadLaterProse();
 *   laterProse()?.trade.tradeOwnLines(content, state, e, viewer, at)
 */
interface LaterProse {
  readonly details: typeof import('./details.ts');
  readonly trade: typeof import('./trade.ts');
  readonly containers: typeof import('./containers.ts');
  readonly refusals: typeof import('./refusals.ts');
  readonly party: typeof import('./party.ts');
  readonly moderation: typeof import('./moderation.ts');
}

let prose: LaterProse | null = null;
let loading: Promise<void> | null = null;

export function laterProse(): LaterProse | null {
  return prose;
}

/** Loads it (once; again after a failure). */
export function loadLaterProse(): Promise<void> {
  loading ??= Promise.all([import('./details.ts'), import('./trade.ts'), import('./containers.ts'), import('./refusals.ts'), import('./party.ts'), import('./moderation.ts')]).then(
    ([details, trade, containers, refusals, party, moderation]) => {
      prose = { details, trade, containers, refusals, party, moderation };
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
