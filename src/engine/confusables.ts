/**
 * The skeleton of a text for comparing names: each character that looks like printable ASCII
 * replaced by what it looks like (Cyrillic "А" -> "A", "1" -> "l", "m" -> "rn"), from Unicode's
 * TR39 table (confusables-table.ts, generated and checked by tests/engine/confusables.test.ts).
 * Look-alikes among other scripts are not mapped: the table would be six times larger, in every
 * page, to catch impersonations that are rare among the names of one isle.
 *
 *   confusableSkeleton('Аna')   // 'Ana'
 */
import { CONFUSABLE_SOURCES } from './confusables-table.ts';

let table: ReadonlyMap<string, string> | null = null;

function confusables(): ReadonlyMap<string, string> {
  if (table) return table;
  const map = new Map<string, string>();
  for (const [target, sources] of CONFUSABLE_SOURCES) for (const source of sources) map.set(source, target);
  return (table = map);
}

export function confusableSkeleton(text: string): string {
  const map = confusables();
  let out = '';
  for (const ch of text) out += map.get(ch) ?? ch;
  return out;
}
