/**
 * Tab completion for the prompt: the first word completes to a verb, later words to the names
 * of things in scope (what is here, what you carry and wear, exits, recipes). Several matches
 * complete to their common prefix and are offered as options; Tab again cycles through them.
 *
 *   completeLine('take dri', ['driftwood stick', 'driftwood pile'], VERBS)
 *   // { text: 'take driftwood ', options: ['driftwood pile', 'driftwood stick'] }
 *   completeLine('sti', names, [])   // answering a question: the first word is a name
 */
import { compareCodeUnits, type Content, type Observation } from '../session/index.ts';
import { SUGGESTED_VERBS, type VerbTarget } from '../session/verbs.ts';

/** The commands a first word completes to: the parser's everyday verbs. */
export const VERBS: readonly string[] = SUGGESTED_VERBS;

export interface Completion {
  /** The new line (unchanged when nothing could be added). */
  readonly text: string;
  /** The names that matched, sorted; empty when the completion was unique. */
  readonly options: readonly string[];
  /** Where the completed fragment starts in `text` (for cycling through options). */
  readonly start: number;
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Candidates for a fragment: whole names starting with it, or a name's tail from a word that does. */
function matches(fragment: string, names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of names) {
    const name = raw.toLowerCase();
    if (name.startsWith(fragment)) {
      out.add(name);
      continue;
    }
    if (fragment.includes(' ')) continue;
    const words = name.split(' ');
    for (let i = 1; i < words.length; i++) {
      if (words[i]!.startsWith(fragment)) out.add(words.slice(i).join(' '));
    }
  }
  return [...out].sort(compareCodeUnits);
}

export function completeLine(line: string, names: readonly string[], verbs: readonly string[] = VERBS): Completion | null {
  const lower = line.toLowerCase();
  const firstSpace = lower.search(/\s/);
  if (lower.trim() === '') return null;
  // First word: verbs (or, with no verbs given, names: the answer to "which do you mean?").
  if (firstSpace < 0) {
    const found = verbs.length > 0 ? verbs.filter((v) => v.startsWith(lower)).sort(compareCodeUnits) : matches(lower, names);
    return finish(line, 0, lower, found);
  }
  if (/\s$/.test(lower)) {
    // Nothing typed yet after a space: offer every name, change nothing.
    const all = [...new Set(names.map((n) => n.toLowerCase()))].sort(compareCodeUnits);
    return all.length > 0 ? { text: line, options: all, start: line.length } : null;
  }
  // Later words: the longest trailing fragment (up to four words) that matches something.
  const words = [...lower.matchAll(/\S+/g)];
  for (let k = Math.min(4, words.length - 1); k >= 1; k--) {
    const start = words[words.length - k]!.index;
    const fragment = lower.slice(start);
    const found = matches(fragment, names);
    if (found.length > 0) return finish(line, start, fragment, found);
  }
  return null;
}

function finish(line: string, start: number, fragment: string, found: readonly string[]): Completion | null {
  if (found.length === 0) return null;
  if (found.length === 1) return { text: line.slice(0, start) + found[0]! + ' ', options: [], start };
  const prefix = commonPrefix(found);
  const text = prefix.length > fragment.length ? line.slice(0, start) + prefix : line;
  return { text, options: found, start };
}

/**
 * Names the prompt can complete in what the player sees (`o`) for what a verb acts on (`targetOfVerb`: take: things here,
 * drop: things carried, craft: recipes, go: exits ...), or everything in scope but recipes.
 */
export function namesFor(o: Observation | null, content: Content, target: VerbTarget): readonly string[] {
  if (!o || !o.player) return [];
  const itemName = (id: string) => content.items.get(id)?.name;
  const here = [
    ...o.here.items.map((x) => x.name),
    ...o.here.nodes.flatMap((n) => [n.name, itemName(n.resource) ?? n.name]),
    ...[...o.here.enemies, ...o.here.npcs, ...o.here.stations, ...o.here.players].map((x) => x.name),
  ];
  const carried = o.player.inventory.map((x) => x.name);
  const worn = Object.values(o.player.equipment).flatMap((x) => (x ? [x.name] : []));
  const exits = (o.location?.exits ?? []).map((x) => x.dir);
  const where = o.location ? content.locations.get(o.location.id) : undefined;
  const scenery = (where?.scenery ?? []).map((s) => s.name);
  switch (target) {
    case 'here': return o.here.items.map((x) => x.name);
    case 'nodes': return o.here.nodes.flatMap((n) => [n.name, itemName(n.resource) ?? n.name]);
    case 'carried': return carried;
    case 'worn': return worn;
    case 'recipes': return o.recipes.map((r) => r.name);
    case 'exits': return exits;
    case 'enemies': return o.here.enemies.map((x) => x.name);
    case 'people': return [...o.here.npcs, ...o.here.players].map((x) => x.name);
    case 'anything': return [...here, ...carried, ...worn, ...exits, ...scenery];
  }
}
