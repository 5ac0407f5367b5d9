/**
 * The skeleton of a text for comparing names: each character that looks like printable ASCII
 * replaced by what it looks like (Cyrillic "А" -> "A", "1" -> "l", "m" -> "rn"), from Unicode's
 * TR39 table (confusables-table.ts, generated and checked by tests/engine/confusables.test.ts).
 * Look-alikes among other scripts are not mapped: the table would be six times larger, in every
 * page, to catch impersonations that are rare among the names of one isle.
 *
 *   confusableSkeleton('Аna')   // 'Ana'
 */
import { CONFUSABLES } from './confusables-table.ts';

let table: ReadonlyMap<string, string> | null = null;

/**
 * The table, read once from its compact form (a third of the gzip size of a list of pairs, in
 * every page): lines of `<gap>[+<run>] <target>` in code point order, base 36, where a run of
 * consecutive characters looks like consecutive ASCII characters from `target` on.
 */
function confusables(): ReadonlyMap<string, string> {
  if (table) return table;
  const map = new Map<string, string>();
  let cp = 0;
  for (const record of CONFUSABLES.split('\n')) {
    const space = record.indexOf(' ');
    const [gap, run] = record.slice(0, space).split('+');
    const target = record.slice(space + 1);
    const n = run === undefined ? 1 : parseInt(run, 36);
    cp += parseInt(gap!, 36);
    for (let i = 0; i < n; i++) map.set(String.fromCodePoint(cp + i), n === 1 ? target : String.fromCharCode(target.charCodeAt(0) + i));
    cp += n - 1;
  }
  return (table = map);
}

export function confusableSkeleton(text: string): string {
  const map = confusables();
  let out = '';
  for (const ch of text) out += map.get(ch) ?? ch;
  return out;
}
