/**
 * Canonical JSON and the code-unit order: the determinism rules every replica shares. One byte
 * string per value, so its hash means the same thing everywhere (the content version, the game
 * state hash, an intent's id and signature).
 *
 *   canonicalJson({ b: 1, a: 'x' }) // '{"a":"x","b":1}'
 *   names.sort(compareCodeUnits)     // the same order on every engine, unlike localeCompare
 *
 * Rules: object keys sorted by UTF-16 code units, no whitespace, only safe integers as numbers
 * (the game keeps integers for stats and grams), strings as JSON.stringify writes them (fully
 * specified by ECMAScript), undefined fields left out. `canonicalJsonBounded` also enforces a
 * size and depth budget and returns null instead of throwing, for data that came off the network.
 *
 * It lives in content/, the lowest layer, because the content's own version hash needs it too;
 * the engine, sync and everything above import it from here.
 */

export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

class Overflow extends Error {}

export function isPlainObject(value: object): boolean {
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
