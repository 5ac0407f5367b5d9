/**
 * Whether a stored intent string is already canonical, checked without encoding it again (the hot
 * path of reading a log entry). Canonical JSON itself: src/content/canonical.ts.
 *
 *   isCanonicalText(text, JSON.parse(text))
 */
import { isPlainObject } from '../../content/canonical.ts';

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
