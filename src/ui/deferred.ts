/**
 * Code the first screen does not need, loaded right after it is painted: the first screen shows
 * the world (no command has been typed yet), so the rule parser and Tab completion wait until
 * then, and the page's first download is smaller. Whatever needs them first awaits them.
 *
 *   afterFirstPaint(() => void loadCompletion());
 *   const { completeLine, namesFor, targetOfVerb } = await loadCompletion();
 */
import type { completeLine, namesFor } from './completion.ts';
import type { targetOfVerb } from '../session/verbs.ts';

/** Runs `run` after the next frame is painted (the frame's callback, then the task after it). */
export function afterFirstPaint(run: () => void): void {
  requestAnimationFrame(() => setTimeout(run));
}

export interface CompletionCode {
  readonly completeLine: typeof completeLine;
  readonly namesFor: typeof namesFor;
  readonly targetOfVerb: typeof targetOfVerb;
}

let completion: Promise<CompletionCode> | undefined;

/** Tab completion and the verb table it reads (once; again after a failed load). */
export function loadCompletion(): Promise<CompletionCode> {
  completion ??= Promise.all([import('./completion.ts'), import('../session/verbs.ts')]).then(
    ([c, v]) => ({ completeLine: c.completeLine, namesFor: c.namesFor, targetOfVerb: v.targetOfVerb }),
    (error: unknown) => {
      completion = undefined;
      throw error;
    },
  );
  return completion;
}
