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

function write(value: unknown, depth: number, maxDepth: number, budget: { left: number }, out: string[]): void {
  if (depth > maxDepth) throw new Overflow();
  let piece: string;
  if (value === null) piece = 'null';
  else if (typeof value === 'boolean') piece = value ? 'true' : 'false';
  else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Overflow();
    piece = Object.is(value, -0) ? '0' : String(value);
  } else if (typeof value === 'string') piece = JSON.stringify(value);
  else if (Array.isArray(value)) {
    budget.left -= 2;
    if (budget.left < 0) throw new Overflow();
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      budget.left -= 1;
      write(value[i], depth + 1, maxDepth, budget, out);
    }
    out.push(']');
    return;
  } else if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype || (typeof value === 'object' && Object.getPrototypeOf(value) === null)) {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort(compareCodeUnits);
    budget.left -= 2;
    if (budget.left < 0) throw new Overflow();
    out.push('{');
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (i > 0) out.push(',');
      const ks = JSON.stringify(k);
      budget.left -= ks.length + 2;
      if (budget.left < 0) throw new Overflow();
      out.push(ks, ':');
      write(obj[k], depth + 1, maxDepth, budget, out);
    }
    out.push('}');
    return;
  } else throw new Overflow();
  budget.left -= piece.length;
  if (budget.left < 0) throw new Overflow();
  out.push(piece);
}

/** Code-unit order: the same on every engine, unlike localeCompare. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Canonical JSON of trusted data; throws on values that have no canonical form. */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  try {
    write(value, 0, 64, { left: Number.MAX_SAFE_INTEGER }, out);
  } catch (e) {
    if (e instanceof Overflow) throw new Error('canonicalJson: value has no canonical form (non-integer number, undefined or a class instance)');
    throw e;
  }
  return out.join('');
}

/** Canonical JSON of untrusted data within `maxChars` and `maxDepth`, or null. Never throws. */
export function canonicalJsonBounded(value: unknown, maxChars: number, maxDepth = 8): string | null {
  const out: string[] = [];
  try {
    write(value, 0, maxDepth, { left: maxChars }, out);
  } catch {
    return null;
  }
  return out.join('');
}
