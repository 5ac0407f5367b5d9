/**
 * Prose the web app's first screen never needs, loaded apart from it (with the errands' code,
 * right after the first paint): the player's own deeds but joining, looking and moving
 * (own-deeds.ts), what others are seen doing (seen.ts), revisions (revision.ts), what EXAMINE,
 * INVENTORY and STATUS answer (details.ts), trade (trade.ts), containers (containers.ts), why a
 * deed was refused (refusals.ts) and company (party.ts). A typed command waits for them
 * (Session.#run), and news waits for them (Session.pollNews holds it until they are in, and tries
 * the load again if it failed), so the player never reads anything else in their place. Only a
 * command answered after the code could not be fetched says so in a plain line.
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
  readonly own: typeof import('./own-deeds.ts');
  readonly seen: typeof import('./seen.ts');
  readonly revision: typeof import('./revision.ts');
}

let prose: LaterProse | null = null;
let loading: Promise<void> | null = null;

export function laterProse(): LaterProse | null {
  return prose;
}

/** Loads it (once; again after a failure). */
export function loadLaterProse(): Promise<void> {
  loading ??= Promise.all([import('./details.ts'), import('./trade.ts'), import('./containers.ts'), import('./refusals.ts'), import('./party.ts'), import('./own-deeds.ts'), import('./seen.ts'), import('./revision.ts')]).then(
    ([details, trade, containers, refusals, party, own, seen, revision]) => {
      prose = { details, trade, containers, refusals, party, own, seen, revision };
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
