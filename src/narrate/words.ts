/**
 * Small English helpers for prose: articles, plurals, counts in words and lists.
 *
 *   withArticle('iron sword')        // "an iron sword"
 *   counted(3, 'moonpetal', 'moonpetals') // "three moonpetals"
 *   listing(['a rope', 'a lantern', 'two coins']) // "a rope, a lantern and two coins"
 */

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

export function numberWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

/** A name is proper when it starts with a capital ("Archon", "the TideKeeper" is written out). */
export function isProper(name: string): boolean {
  return /^[A-Z]/.test(name) || name.startsWith('the ');
}

export function withArticle(name: string): string {
  if (isProper(name)) return name;
  return (/^[aeiou]/i.test(name) ? 'an ' : 'a ') + name;
}

export function withThe(name: string): string {
  if (isProper(name)) return name;
  return 'the ' + name;
}

export function pluralOf(name: string, plural?: string): string {
  if (plural) return plural;
  if (/(s|x|z|ch|sh)$/.test(name)) return name + 'es';
  if (/[^aeiou]y$/.test(name)) return name.slice(0, -1) + 'ies';
  return name + 's';
}

/** "a rope" for one, "three moonpetals" for more. */
export function counted(qty: number, name: string, plural?: string): string {
  return qty === 1 ? withArticle(name) : `${numberWord(qty)} ${pluralOf(name, plural)}`;
}

/** "the rope" for one, "the three moonpetals" for more. */
export function countedThe(qty: number, name: string, plural?: string): string {
  return qty === 1 ? withThe(name) : `${isProper(name) ? '' : 'the '}${numberWord(qty)} ${pluralOf(name, plural)}`;
}

export function listing(parts: readonly string[], conjunction = 'and'): string {
  if (parts.length === 0) return '';
  if (parts.length === 1) return parts[0]!;
  return `${parts.slice(0, -1).join(', ')} ${conjunction} ${parts[parts.length - 1]}`;
}

export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

/** "3rd person singular" of a verb for prose about others: take -> takes, reach -> reaches. */
export function thirdPerson(verb: string): string {
  if (verb === 'have') return 'has';
  if (verb === 'are') return 'is';
  if (/(s|x|z|ch|sh|o)$/.test(verb)) return verb + 'es';
  if (/[^aeiou]y$/.test(verb)) return verb.slice(0, -1) + 'ies';
  return verb + 's';
}

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
