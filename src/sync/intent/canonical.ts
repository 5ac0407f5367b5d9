/**
 * Canonical JSON: the one byte string every replica derives from an intent, so its hash (the
 * intent id) and its signature mean the same thing everywhere.
 *
 *   canonicalJson({ b: 1, a: 'x' }) // '{"a":"x","b":1}'
 *
 * Rules: object keys sorted by UTF-16 code units, no whitespace, only safe integers as numbers,
 * strings as JSON.stringify writes them (fully specified by ECMAScript), no undefined.
 * `canonicalJsonBounded` also enforces a size and depth budget and returns null instead of
 * throwing, for data that came off the network. `isCanonicalText(text, JSON.parse(text))` checks
 * that a stored string is already canonical without encoding it again (the hot path of reading
 * a log entry).
 */

export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

class Overflow extends Error {}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Encodes `value`; throws Overflow past `maxDepth` or when `budget.left` runs out. */
function write(value: unknown, depth: number, maxDepth: number, budget: { left: number }): string {
  if (depth > maxDepth) throw new Overflow();
  let out: string;
  switch (typeof value) {
    case 'string':
      out = JSON.stringify(value);
      break;
    case 'number':
      if (!Number.isSafeInteger(value)) throw new Overflow();
      out = Object.is(value, -0) ? '0' : String(value);
      break;
    case 'boolean':
      out = value ? 'true' : 'false';
      break;
    case 'object': {
      if (value === null) {
        out = 'null';
        break;
      }
      if (Array.isArray(value)) {
        out = '[';
        for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + write(value[i], depth + 1, maxDepth, budget);
        out += ']';
        // Like objects, an array counts only its own punctuation: its elements were counted
        // where they were made (counting the whole string again charged nested content twice
        // and refused honest large `arrive` intents well under the size limit).
        budget.left -= 1 + value.length;
        if (budget.left < 0) throw new Overflow();
        return out;
      }
      if (!isPlainObject(value)) throw new Overflow();
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort(compareCodeUnits);
      out = '{';
      let first = true;
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined) continue;
        out += (first ? '' : ',') + JSON.stringify(k) + ':' + write(v, depth + 1, maxDepth, budget);
        first = false;
      }
      out += '}';
      // Containers count their punctuation and keys; leaves are counted where they are made.
      budget.left -= 2 + keys.length * 2;
      if (budget.left < 0) throw new Overflow();
      return out;
    }
    default:
      throw new Overflow();
  }
  budget.left -= out.length;
  if (budget.left < 0) throw new Overflow();
  return out;
}

/** Code-unit order: the same on every engine, unlike localeCompare. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Canonical JSON of trusted data; throws on values that have no canonical form. */
export function canonicalJson(value: unknown): string {
  try {
    return write(value, 0, 64, { left: Number.MAX_SAFE_INTEGER });
  } catch (e) {
    if (e instanceof Overflow) throw new Error('canonicalJson: value has no canonical form (non-integer number, undefined or a class instance)');
    throw e;
  }
}

/** Canonical JSON of untrusted data within `maxChars` and `maxDepth`, or null. Never throws. */
export function canonicalJsonBounded(value: unknown, maxChars: number, maxDepth = 8): string | null {
  try {
    return write(value, 0, maxDepth, { left: maxChars });
  } catch {
    return null;
  }
}

/**
 * True when `text` is exactly the canonical JSON of `parsed` (= JSON.parse(text)) within
 * `maxDepth`, checked without re-encoding: the native JSON.stringify reproduces the text, and
 * every object's keys already come in code-unit order and every number is a safe integer, in
 * which case canonicalJson(parsed) and JSON.stringify(parsed) are the same string.
 * One-sided: false can still mean canonical (V8 lists integer-like keys first, so
 * `{"10":1,"2":1}` is canonical but fails here); callers then fall back to `canonicalJsonBounded`.
 */
export function isCanonicalText(text: string, parsed: unknown, maxDepth = 8): boolean {
  return hasCanonicalShape(parsed, 0, maxDepth) && JSON.stringify(parsed) === text;
}

function hasCanonicalShape(value: unknown, depth: number, maxDepth: number): boolean {
  if (depth > maxDepth) return false;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isSafeInteger(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!hasCanonicalShape(value[i], depth + 1, maxDepth)) return false;
        return true;
      }
      if (!isPlainObject(value)) return false;
      const obj = value as Record<string, unknown>;
      let prev: string | null = null;
      for (const k of Object.keys(obj)) {
        if (prev !== null && !(prev < k)) return false;
        const v = obj[k];
        // JSON.stringify and canonicalJson both skip undefined, but JSON text never holds it.
        if (v === undefined || !hasCanonicalShape(v, depth + 1, maxDepth)) return false;
        prev = k;
      }
      return true;
    }
    default:
      return false;
  }
}
