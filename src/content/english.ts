/**
 * English for the names content gives things: articles, plurals, counts in words, lists, verb
 * agreement and pronouns. The one place prose gets its grammar from, shared by the narrator and
 * the parser's own replies (content is the layer both may import; no zod here).
 *
 *   withArticle('iron sword')                 // "an iron sword"
 *   counted(3, 'moonpetal', 'moonpetals')     // "three moonpetals"
 *   agree({ name: 'jars', number: 'plural' }, 'is') // "are"
 *   pronounOf('she').verb('decline')          // "declines"
 *   baseForm('dances')                        // "dance" ("Critic dances." -> "You dance.")
 */

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

export function numberWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

/** A name is proper when it starts with a capital ("Archon") or carries its article ("the TideKeeper"). */
export function isProper(name: string): boolean {
  return /^\p{Lu}/u.test(name) || /^the\s/i.test(name);
}

export function withArticle(name: string): string {
  if (isProper(name)) return name;
  return (/^[aeiou]/i.test(name) ? 'an ' : 'a ') + name;
}

export function withThe(name: string): string {
  if (isProper(name)) return name;
  return 'the ' + name;
}

export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

/** The plural of a singular name, unless content gives one ("pairs of hide boots"). */
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

/** Third person singular of a verb for prose about others: take -> takes, reach -> reaches. */
export function thirdPerson(verb: string): string {
  if (verb === 'have') return 'has';
  if (verb === 'are' || verb === 'be') return 'is';
  if (/(s|x|z|ch|sh|o)$/.test(verb)) return verb + 'es';
  if (/[^aeiou]y$/.test(verb)) return verb.slice(0, -1) + 'ies';
  return verb + 's';
}

const IRREGULAR: Readonly<Record<string, string>> = {
  has: 'have', is: 'are', does: 'do', was: 'were',
  "isn't": "aren't", "doesn't": "don't", "hasn't": "haven't", "wasn't": "weren't",
};

/** The inverse of `thirdPerson`: dances -> dance, waves -> wave, cries -> cry, has -> have. */
export function baseForm(verb: string): string {
  const irregular = IRREGULAR[verb];
  if (irregular !== undefined) return irregular;
  if (verb.includes("'")) return verb;
  if (/[^aeiou]ies$/.test(verb)) return verb.slice(0, -3) + 'y';
  if (/(ss|x|z|ch|sh|o)es$/.test(verb)) return verb.slice(0, -2);
  if (/[^s]s$/.test(verb)) return verb.slice(0, -1);
  return verb;
}

/** Whether a name is grammatically one thing or several ("the standing stones"). */
export type GrammaticalNumber = 'singular' | 'plural';

export interface Noun {
  readonly name: string;
  /** Content's `number`; singular when left out. */
  readonly number?: GrammaticalNumber | undefined;
}

/**
 * A verb in the present tense agreeing with a noun as its subject: `is`/`are`, `has`/`have`,
 * `makes`/`make`. The verb is given in its singular form ("is", "makes").
 */
export function agree(noun: Noun, verb: string): string {
  return noun.number === 'plural' ? baseForm(verb) : verb;
}

/** "The jars are" / "The anvil is": a noun as the subject of a sentence, capitalised. */
export function subject(noun: Noun, verb: string): string {
  return `${capitalise(withThe(noun.name))} ${agree(noun, verb)}`;
}

export const PRONOUNS = ['she', 'he', 'they', 'it'] as const;
export type PronounSet = (typeof PRONOUNS)[number];

export interface Pronoun {
  /** she / he / they / it */
  readonly subject: string;
  /** her / him / them / it */
  readonly object: string;
  /** her / his / their / its */
  readonly possessive: string;
  /** A verb agreeing with the pronoun as subject, given in its base form: decline -> declines / decline. */
  verb(base: string): string;
}

const PRONOUN_FORMS: Readonly<Record<PronounSet, readonly [string, string, string]>> = {
  she: ['she', 'her', 'her'],
  he: ['he', 'him', 'his'],
  they: ['they', 'them', 'their'],
  it: ['it', 'it', 'its'],
};

export function pronounOf(set: PronounSet | undefined): Pronoun {
  const key = set ?? 'they';
  const [subj, object, possessive] = PRONOUN_FORMS[key];
  return {
    subject: subj, object, possessive,
    verb: (base) => (key === 'they' ? (base === 'be' ? 'are' : base) : thirdPerson(base)),
  };
}
