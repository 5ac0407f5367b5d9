/**
 * Word-level helpers for the rule parser: tokenizing a line (keeping offsets into the original so
 * speech keeps its case), directions, numbers, articles, filler, and edit distance.
 *
 *   tokenize('Take 3 Moonpetals, please!') // words: take 3 moonpetals , please !
 *   directionOf(['ne']) // 'northeast'
 */
import type { Direction } from '../content/schema.ts';

export interface Token {
  /** Lower-cased word, or a punctuation mark (`.`, `,`, `;`, `!`, `?`). */
  readonly w: string;
  readonly start: number;
  readonly end: number;
}

// `#` keeps `#iron-sword` (an entity picked by id) in one token.
const TOKEN = /#?[\p{L}\p{N}][\p{L}\p{N}'’-]*|[.,;!?]/gu;

/** Contractions read as their words ("what's" -> what is); offsets stay those of the original. */
const CONTRACTIONS: Readonly<Record<string, readonly string[]>> = {
  "what's": ['what', 'is'], "where's": ['where', 'is'], "who's": ['who', 'is'], "i'm": ['i', 'am'],
  "it's": ['it', 'is'], "that's": ['that', 'is'], "there's": ['there', 'is'], "i've": ['i', 'have'],
};

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const w = m[0].toLowerCase().replace(/’/g, "'").replace(/^'+|'+$/g, '');
    if (w.length === 0) continue;
    const start = m.index;
    const end = m.index + m[0].length;
    for (const part of CONTRACTIONS[w] ?? [w]) out.push({ w: part, start, end });
  }
  return out;
}

export function isPunct(w: string): boolean {
  return w === '.' || w === ',' || w === ';' || w === '!' || w === '?';
}

const DIRECTION_WORDS: Readonly<Record<string, Direction>> = {
  n: 'north', north: 'north', northward: 'north', northwards: 'north',
  s: 'south', south: 'south', southward: 'south', southwards: 'south',
  e: 'east', east: 'east', eastward: 'east', eastwards: 'east',
  w: 'west', west: 'west', westward: 'west', westwards: 'west',
  ne: 'northeast', northeast: 'northeast', 'north-east': 'northeast',
  nw: 'northwest', northwest: 'northwest', 'north-west': 'northwest',
  se: 'southeast', southeast: 'southeast', 'south-east': 'southeast',
  sw: 'southwest', southwest: 'southwest', 'south-west': 'southwest',
  u: 'up', up: 'up', upward: 'up', upwards: 'up', upstairs: 'up',
  d: 'down', down: 'down', downward: 'down', downwards: 'down', downstairs: 'down',
  in: 'in', inside: 'in', inward: 'in', inwards: 'in',
  out: 'out', outside: 'out', outward: 'out', outwards: 'out',
};

/** The direction a whole word list names (`n`, `north east`, `the north`), or undefined. */
export function directionOf(words: readonly string[]): Direction | undefined {
  const ws = words.filter((w) => w !== 'the' && w !== 'to' && w !== 'way');
  if (ws.length === 1) return DIRECTION_WORDS[ws[0]!];
  if (ws.length === 2) {
    const a = DIRECTION_WORDS[ws[0]!];
    const b = DIRECTION_WORDS[ws[1]!];
    if ((a === 'north' || a === 'south') && (b === 'east' || b === 'west')) return `${a}${b}` as Direction;
  }
  return undefined;
}

/** Direction words of 3+ letters (`north`, `upstairs`), for reading a slip of one. */
export const DIRECTION_NAMES: readonly string[] = Object.keys(DIRECTION_WORDS).filter((w) => w.length >= 3).sort();

export function isDirectionWord(w: string): boolean {
  return w in DIRECTION_WORDS;
}

export const ARTICLES: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'some', 'my', 'your', 'these', 'those', 'its', 'their', 'any', 'of', 'few', 'several', 'many', 'more',
]);

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, dozen: 12, couple: 2, pair: 2,
};

export function numberOf(w: string): number | undefined {
  if (/^\d{1,3}$/.test(w)) {
    const n = Number(w);
    return n >= 1 ? n : undefined;
  }
  return NUMBER_WORDS[w];
}

const ORDINALS: Readonly<Record<string, number>> = {
  first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5,
  former: 1, latter: -1, last: -1,
};

/** 1-based ordinal, -1 for "last", or undefined. */
export function ordinalOf(w: string): number | undefined {
  return ORDINALS[w];
}

/** Phrases people put before a command; stripped (repeatedly) from its start. */
const LEADING_FILLER: readonly (readonly string[])[] = [
  ['please'], ['pls'], ['plz'], ['kindly'], ['just'], ['now'], ['then'], ['and'], ['ok'], ['okay'], ['so'],
  ['i', 'want', 'to'], ['i', 'wanna'], ['wanna'], ['i', 'would', 'like', 'to'], ["i'd", 'like', 'to'],
  ['i', 'will'], ["i'll"], ['i', 'shall'], ['i', 'should'], ['i', 'try', 'to'], ['i', 'need', 'to'],
  ["let's"], ['lets'], ['let', 'us'], ['let', 'me'], ['try', 'to'], ['attempt', 'to'],
  ['can', 'you'], ['could', 'you'], ['would', 'you'], ['will', 'you'], ['can', 'i'], ['could', 'i'],
  ['may', 'i'], ['go', 'ahead', 'and'], ['try'], ['i', 'am', 'going', 'to'], ['i', 'am', 'going'],
  ['i', 'am', 'gonna'], ["i'm", 'gonna'], ['gonna'], ['i', 'am'], ['i', 'must'], ['we', 'should'], ['we'],
];
/** Manner words that change nothing, dropped wherever they are: "look closely at the lamp". */
const ADVERBS: ReadonlySet<string> = new Set([
  'quick', 'closer', 'proper', 'closely', 'carefully', 'quickly', 'slowly', 'quietly', 'gently', 'firmly', 'thoroughly', 'briefly', 'cautiously', 'immediately',
]);
const TRAILING_FILLER: ReadonlySet<string> = new Set(['please', 'pls', 'plz', 'now', 'thanks', 'too']);

/** Drops filler at both ends of one command's words. */
export function stripFiller(words: readonly string[]): string[] {
  let ws = words.filter((w) => (!isPunct(w) || w === ',') && !ADVERBS.has(w));
  while (ws[0] === ',') ws = ws.slice(1);
  while (ws[ws.length - 1] === ',') ws = ws.slice(0, -1);
  for (let changed = true; changed && ws.length > 1; ) {
    changed = false;
    for (const f of LEADING_FILLER) {
      if (ws.length > f.length && f.every((w, i) => ws[i] === w)) {
        ws = ws.slice(f.length);
        changed = true;
        break;
      }
    }
  }
  while (ws.length > 1 && TRAILING_FILLER.has(ws[ws.length - 1]!)) ws = ws.slice(0, -1);
  return ws;
}

/**
 * Edit distance with adjacent swaps (optimal string alignment: insert, delete, substitute, swap
 * two neighbours, each 1), or `max + 1` once it is sure to exceed `max`.
 *
 *   editDistance('norht', 'north', 2) // 1
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return Math.min(prev[b.length]!, max + 1);
}

/** How many slips two words may differ by: one per four letters of the longer (lok/look, norht/north, not nap/cap). */
export function slipsAllowed(a: string, b: string): number {
  return Math.floor(Math.max(a.length, b.length) / 4);
}

/** A typed word this short is never read as the start of a longer one. */
const MIN_PREFIX = 3;

/**
 * The one word of `known` a typed word stands for, by the same rule for verbs and nouns: the
 * closest within `slipsAllowed` edits (a swap of neighbours is one), else the only word it is a
 * prefix of (3+ letters). Ties go to `preferred` words; still tied, or nothing close: undefined.
 *
 *   closestWord('tkae', VERB_WORDS) // 'take'; closestWord('drift', ['driftwood', 'kelp']) // 'driftwood'
 */
export function closestWord(w: string, known: readonly string[], preferred?: ReadonlySet<string>): string | undefined {
  if (w.length < 3 || /^#/.test(w)) return undefined;
  let best = Infinity;
  let hits: string[] = [];
  for (const c of known) {
    if (c.length < 3 || c === w) continue;
    const max = slipsAllowed(w, c);
    const d = editDistance(w, c, max);
    if (d > max) continue;
    if (d < best) { best = d; hits = [c]; } else if (d === best) hits.push(c);
  }
  const pick = (xs: readonly string[]) => {
    const unique = [...new Set(xs)];
    if (unique.length === 1) return unique[0];
    const pref = preferred ? unique.filter((x) => preferred.has(x)) : [];
    return pref.length === 1 ? pref[0] : undefined;
  };
  const near = hits.length ? pick(hits) : undefined;
  if (near !== undefined) return near;
  return w.length >= MIN_PREFIX ? pick(known.filter((c) => c.length > w.length && c.startsWith(w))) : undefined;
}

/** "the rusty sword" / "Archon": how prose names an entity. */
export function theName(name: string): string {
  return /^\p{Lu}/u.test(name) || /^the\s/i.test(name) ? name : `the ${name}`;
}

/** "the rusty sword or the iron sword", "the a, the b or the c". */
export function orList(names: readonly string[]): string {
  const t = names.map(theName);
  return t.length <= 1 ? (t[0] ?? '') : `${t.slice(0, -1).join(', ')} or ${t[t.length - 1]}`;
}

/** A greeting said to someone ("archon, hello", "whisper to ysolde hi"): a talk with no topic. */
export const GREETINGS = /^(hello|hi|hey|hiya|greetings|ahoy|howdy|good (morning|day|evening|afternoon)|well met)( there)?$/;
