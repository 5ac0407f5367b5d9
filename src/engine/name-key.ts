/**
 * When two display names are the same name to a reader: `namesCollide(a, b)` for "Ana",
 * "ANA", "ａｎａ" (fullwidth), "Аna" (Cyrillic A) and "Ana" with its letters decomposed. The
 * rules keep names unique per zone state by this key (rules/join.ts), so it must come out the
 * same on every replica:
 *
 * - compatibility decomposition and lower case (NFKD + lower case, the comparison form of NFKC
 *   + case fold) are taken from the runtime only for code points whose mappings no Unicode
 *   version since 7 has changed: Basic Latin through Cyrillic Supplement (U+0000-052F, the
 *   Greek holes left alone), Latin Extended Additional and the fullwidth ASCII forms. Anything
 *   else is kept as it is, so a runtime with newer Unicode tables cannot fold it differently;
 * - confusables come from Unicode's TR39 table, cut to look-alikes of printable ASCII
 *   (confusables.ts: a fixed table, not the runtime's): Cyrillic and Greek look-alikes,
 *   mathematical and letterlike forms, "1"/"I" -> "l", "0" -> "O", "m" -> "rn";
 * - space-like characters count as one space; names are trimmed by the schema already.
 *
 *   namesCollide('Ana', 'аNA')   // true
 *   nameKeys('BiII')              // ['bill', 'biii']
 */
import { confusableSkeleton } from './confusables.ts';

/** Code points whose NFKD and lower case are the same in every runtime we run on. */
const STABLE: readonly (readonly [number, number])[] = [[0x0000, 0x052f], [0x1e00, 0x1fff], [0xff01, 0xff5e]];
/** Unassigned code points inside those ranges: a later Unicode could give them mappings. */
const HOLES: ReadonlySet<number> = new Set([
  0x378, 0x379, 0x380, 0x381, 0x382, 0x383, 0x38b, 0x38d, 0x3a2,
  0x1f16, 0x1f17, 0x1f1e, 0x1f1f, 0x1f46, 0x1f47, 0x1f4e, 0x1f4f, 0x1f58, 0x1f5a, 0x1f5c, 0x1f5e,
  0x1f7e, 0x1f7f, 0x1fb5, 0x1fc5, 0x1fd4, 0x1fd5, 0x1fdc, 0x1ff0, 0x1ff1, 0x1ff5, 0x1fff,
]);
const SPACES: ReadonlySet<number> = new Set([
  0x00a0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f, 0x3000,
]);
/** Keys of names seen lately (a pure function's results: sharing them changes no outcome). */
const memo = new Map<string, readonly string[]>();
const MEMO_SIZE = 1024;
/** Rounds of (fold, confusables) until nothing changes; real names settle in one or two. */
const MAX_ROUNDS = 4;

function isStable(cp: number): boolean {
  if (HOLES.has(cp)) return false;
  for (const [lo, hi] of STABLE) if (cp >= lo && cp <= hi) return true;
  return false;
}

/** Decomposed (and lower-cased, with `lower`) where that is the same everywhere; one kind of space. */
function fold(text: string, lower: boolean): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (SPACES.has(cp)) out += ' ';
    else if (!isStable(cp)) out += ch;
    else out += lower ? ch.normalize('NFKD').toLowerCase() : ch.normalize('NFKD');
  }
  return out;
}

/** Applies (fold, confusables) until a round changes nothing. */
function settle(start: string): string {
  let key = start;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const next = confusableSkeleton(fold(key, true));
    if (next === key) break;
    key = next;
  }
  return key.split(' ').filter((w) => w !== '').join(' ');
}

/**
 * The keys of a name: the confusables table is case-sensitive ("I" -> "l", "m" -> "rn"), so the
 * name is mapped as written and as lower-cased. "BiII" shares a key with "Bill" (as written),
 * "MIRA" with "Mira" (lower-cased). One key when both agree.
 */
export function nameKeys(name: string): readonly string[] {
  const known = memo.get(name);
  if (known !== undefined) return known;
  const asWritten = settle(confusableSkeleton(fold(name, false)));
  const lowered = settle(confusableSkeleton(fold(name, true)));
  const keys = asWritten === lowered ? [asWritten] : [asWritten, lowered];
  // The names of players present are compared on every join and rename: keep the latest few.
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
  memo.set(name, keys);
  return keys;
}

/** Two names a reader could take for one another. */
export function namesCollide(a: string, b: string): boolean {
  const kb = nameKeys(b);
  return nameKeys(a).some((k) => kb.includes(k));
}
