/**
 * Canonical JSON: the one byte string every replica derives from an intent, so its hash (the
 * intent id) and its signature mean the same thing everywhere.
 *
 *   canonicalJson({ b: 1, a: 'x' }) // '{"a":"x","b":1}'
 *
 * Rules: object keys sorted by UTF-16 code units, no whitespace, only safe integers as numbers,
 * strings as JSON.stringify writes them (fully specified by ECMAScript), no undefined.
 * `canonicalJsonBounded` also enforces a size and depth budget and returns null instead of
 * throwing, for data that came off the network.
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
        break;
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
