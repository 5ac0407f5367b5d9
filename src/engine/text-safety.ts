/**
 * Which characters player text may carry, judged by explicit code point ranges (never by the
 * runtime's Unicode tables, which differ between Node and browsers, so every replica agrees).
 *
 * Speech (say, emote, a talk topic) refuses what can act on a screen rather than be read:
 * control characters (C0, DEL, C1: escape sequences, newlines that forge lines), bidirectional
 * embeddings, overrides, isolates and marks (text that reads backwards), line and paragraph
 * separators, interlinear annotation marks and unpaired surrogates. Names refuse all of that
 * and, on top, characters that draw nothing (zero-width spaces and joiners, soft hyphens,
 * fillers, variation selectors, tags, private use): a name must look like what it is.
 *
 *   firstUnsafeChar('hi\x1b[2J', 'speech')   // 0x1b
 *   firstUnsafeChar('Ana\u200b', 'name')      // 0x200b
 */

export type TextUse = 'speech' | 'name';

type Range = readonly [number, number];

/** Unsafe anywhere: controls, bidi controls, separators that break lines, annotation marks. */
const SPEECH_UNSAFE: readonly Range[] = [
  [0x0000, 0x001f], // C0 controls, newline and tab included
  [0x007f, 0x009f], // DEL and the C1 controls (CSI, OSC, ... as single bytes)
  [0x061c, 0x061c], // Arabic letter mark
  [0x200e, 0x200f], // left-to-right and right-to-left marks
  [0x2028, 0x2029], // line and paragraph separators
  [0x202a, 0x202e], // bidi embeddings and overrides
  [0x2066, 0x2069], // bidi isolates
  [0xfff9, 0xfffb], // interlinear annotation marks
  [0xfffe, 0xffff], // noncharacters
];

/** Unsafe in names on top of the above: characters that take no visible space of their own. */
const NAME_ONLY_UNSAFE: readonly Range[] = [
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x115f, 0x1160], // Hangul fillers
  [0x17b4, 0x17b5], // Khmer inherent vowels
  [0x180b, 0x180f], // Mongolian variation selectors and vowel separator
  [0x200b, 0x200d], // zero-width space, non-joiner, joiner
  [0x2060, 0x2065], // word joiner and invisible operators
  [0x206a, 0x206f], // deprecated format characters
  [0x3164, 0x3164], // Hangul filler
  [0xe000, 0xf8ff], // private use (draws whatever a font wants)
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // zero-width no-break space (byte order mark)
  [0xffa0, 0xffa0], // halfwidth Hangul filler
  [0x1d173, 0x1d17a], // musical formatting characters
  [0xe0000, 0xe01ef], // tags and variation selectors supplement
  [0xf0000, 0x10ffff], // supplementary private use
];

function inRanges(cp: number, ranges: readonly Range[]): boolean {
  for (const [lo, hi] of ranges) if (cp >= lo && cp <= hi) return true;
  return false;
}

/**
 * The first code point of `text` that `use` refuses, or null when the text is safe. An unpaired
 * surrogate counts as unsafe (it has no character to show), reported as its code unit.
 */
export function firstUnsafeChar(text: string, use: TextUse): number | null {
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    let cp = unit;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return unit;
      cp = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00);
      i += 1;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return unit;
    }
    if (inRanges(cp, SPEECH_UNSAFE) || (use === 'name' && inRanges(cp, NAME_ONLY_UNSAFE))) return cp;
  }
  return null;
}

/** The schema error for refused text: names the character so an author or agent can fix it. */
export function unsafeCharMessage(text: unknown, use: TextUse): string {
  const cp = typeof text === 'string' ? firstUnsafeChar(text, use) : null;
  const what = use === 'name' ? 'a name' : 'speech';
  return cp === null ? `${what} must be plain text` : `${what} may not contain U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
