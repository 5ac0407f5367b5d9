/**
 * What the parser's verbs are about, for the web app's prompt: the commands it offers first and,
 * for a verb, which names in the player's view it can complete (take: what lies here, drop: what
 * is carried, craft: recipes, go: exits ...). Derived from the parser's own verb table, so a verb
 * the parser learns is completed the way it is understood.
 *
 *   targetOfVerb('grab')   // 'here'
 *   targetOfVerb('walk')   // 'exits'
 */
import { nounActOf, SUGGESTED_VERBS } from '../parser/grammar.ts';

export { SUGGESTED_VERBS };

/** Which of the player's names a verb acts on; `anything` for verbs that may take any of them. */
export type VerbTarget = 'here' | 'nodes' | 'carried' | 'worn' | 'recipes' | 'exits' | 'enemies' | 'people' | 'anything';

const TARGET_OF_ACT: Readonly<Record<string, VerbTarget>> = {
  take: 'here', pick: 'here', gather: 'nodes',
  drop: 'carried', equip: 'carried', drink: 'carried', eat: 'carried', use: 'carried', give: 'carried',
  unequip: 'worn', craft: 'recipes', goto: 'exits', travel: 'exits', attack: 'enemies', cast: 'enemies', talk: 'people',
};

export function targetOfVerb(verb: string): VerbTarget {
  return TARGET_OF_ACT[nounActOf(verb) ?? ''] ?? 'anything';
}
