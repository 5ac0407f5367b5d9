/**
 * What the terminal client prints of text it did not write itself (prose with player names and
 * speech in it): every character that could drive the terminal instead of being shown becomes
 * visible. The rules already refuse such characters in names and speech; this is the second
 * wall, for whatever slips past (an older replica, a bug, a stranger's roster entry).
 *
 *   forTerminal('hi\x1b]52;c;aGk=\x07')  // 'hi\ufffd]52;c;aGk=\ufffd'
 *   forJsonLine({ text: 'a\u009bb' })     // '{"text":"a\\u009bb"}'
 */

/**
 * C0 controls but newline (prose keeps its own line breaks), DEL, C1 controls (single-byte CSI,
 * OSC, ...), bidi embeddings, overrides, isolates and marks, and the Unicode line separators.
 */
const UNSAFE_ON_SCREEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** In JSON, the same characters but newline are escaped as `\uXXXX` (JSON.stringify leaves C1 and bidi raw). */
const UNESCAPED_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function forTerminal(text: string): string {
  return text.replace(UNSAFE_ON_SCREEN, '\ufffd');
}

/** One JSON line whose raw bytes carry no terminal controls, with the very same parsed value. */
export function forJsonLine(value: unknown): string {
  return JSON.stringify(value).replace(UNESCAPED_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
