/**
 * Small English helpers for prose: articles, plurals, counts in words and lists (the grammar
 * itself lives in src/content/english.ts, shared with the parser's replies), slots, weights.
 *
 *   withArticle('iron sword')        // "an iron sword"
 *   counted(3, 'moonpetal', 'moonpetals') // "three moonpetals"
 *   listing(['a rope', 'a lantern', 'two coins']) // "a rope, a lantern and two coins"
 */

export {
  agree, baseForm, capitalise, counted, countedThe, isProper, listing, numberWord, pluralOf, pronounOf, subject,
  thirdPerson, withArticle, withThe, type Noun, type Pronoun,
} from '../content/english.ts';

const SLOT_NAMES: Readonly<Record<string, string>> = {
  head: 'head', body: 'body', hands: 'hands', feet: 'feet', mainHand: 'main hand', offHand: 'off hand',
};

export function slotName(slot: string): string {
  return SLOT_NAMES[slot] ?? slot;
}

/** Grams as kilograms with one decimal: 12400 -> "12.4 kg". */
export function kilograms(grams: number): string {
  return `${(grams / 1000).toFixed(1)} kg`;
}

/** A place name in running prose: "the Harbor of Vetrellis", "the Village Square". */
export function placeName(name: string): string {
  return /^the /i.test(name) ? name.replace(/^The /, 'the ') : `the ${name}`;
}

/** "about 40 seconds", "about 3 minutes": a wait of game time. */
export function waitText(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 90) return `about ${s} seconds`;
  return `about ${Math.ceil(s / 60)} minutes`;
}
