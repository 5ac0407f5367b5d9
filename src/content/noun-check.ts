/**
 * The content check that every noun a room's text names can be examined there. Every word of a
 * location's description, variants and parts must be one of:
 *   - a word of the name, an alias or the plural of something there: its scenery, a node, a
 *     station or an NPC (always there), an item lying there or an enemy living there (these two
 *     only in a part told `while` they are there, since they can be taken or killed);
 *   - a word listed in words.yaml: `unseen` (a noun nobody can look at: noon, respect) or
 *     `plain` (not a noun: a, climbs, grey).
 * Nothing is guessed about English, so a new word cannot slip through: it fails until the author
 * gives it scenery or lists it. Scenery with `when`/`while` covers only texts told under the same
 * conditions (the fishers of a night variant need not be there by day, and must not be).
 *
 *   checkRoomNouns(lists, words, report);  // report(kind, path, message, undefined, word) per noun
 *   roomNouns(location, words)             // [{ word, path }]: the nouns a room's texts name
 */
import type { Condition, Location, PartCondition, Scenery, Words } from './schema.ts';
import { pluralOf } from './english.ts';
import type { Lists, Reporter } from './cross-check.ts';
import type { Path } from './yaml-source.ts';

/** What one text of a room is told under: a variant's `when`, a part's `while`; none for the description. */
interface Told {
  readonly path: Path;
  readonly text: string;
  readonly when: Condition;
  readonly while: PartCondition;
}

/** Something there to examine, by the words it answers to and when it is there. */
interface Thing {
  readonly label: string;
  readonly words: ReadonlySet<string>;
  /** Its whole names (name, aliases, plural); a node also answers to any word of them. */
  readonly phrases: ReadonlySet<string>;
  readonly node?: boolean;
  readonly when: Condition;
  readonly while: PartCondition;
}

export interface RoomNoun {
  /** The word as the check reads it: lower case, a possessive's "'s" taken off ("harbormaster"). */
  readonly word: string;
  /** Where it is written, relative to the location: ['description'], ['variants', 2, 'text'] ... */
  readonly path: Path;
}

/** The words of a text as the check reads them: lower case, hyphenated words whole, possessives cut. */
export function wordsOf(text: string): string[] {
  const tokens = text.toLowerCase().match(/\p{L}+(?:['’-]\p{L}+)*/gu) ?? [];
  return tokens.map((t) => t.replace(/['’]s$/, ''));
}

function textsOf(location: Location): Told[] {
  return [
    { path: ['description'], text: location.description, when: {}, while: {} },
    ...location.variants.map((v, j): Told => ({ path: ['variants', j, 'text'], text: v.text, when: v.when, while: {} })),
    ...location.parts.map((p, j): Told => ({ path: ['parts', j, 'text'], text: p.text, when: {}, while: p.while })),
  ];
}

type Named = { name: string; aliases: readonly string[]; plural?: string | undefined; number?: string | undefined };

/** The whole names a player may type for a thing (name, aliases, plural), in lower case. */
function phrasesOf(n: Named): Set<string> {
  const plural = n.number === 'plural' ? n.name : pluralOf(n.name, n.plural);
  return new Set([n.name, ...n.aliases, plural].map((p) => p.toLowerCase()));
}

/** Words a player may type for a named thing: its name's, aliases' and plural's (as the parser reads them). */
function naming(n: Named): { words: Set<string>; phrases: Set<string> } {
  const phrases = phrasesOf(n);
  const words = new Set<string>();
  for (const phrase of phrases) for (const w of phrase.split(/[^\p{L}\p{N}'-]+/u)) if (w) words.add(w);
  return { words, phrases };
}

/**
 * Every whole name in the world. The parser reads a word that is one of these only as a thing
 * here with that whole name ("x net" is not the net sheds while the nets are a thing elsewhere).
 */
function worldNamesOf(lists: Lists): Set<string> {
  const out = new Set<string>();
  const add = (n: Named | undefined) => { if (n) for (const p of [n.name, ...n.aliases, n.plural ?? `${n.name}s`]) out.add(p.toLowerCase()); };
  for (const xs of [lists.items, lists.nodes, lists.enemies, lists.npcs, lists.stations]) xs.forEach(add);
  for (const location of lists.locations) [...location?.scenery ?? [], ...location?.containers ?? []].forEach(add);
  return out;
}

function thingsAt(location: Location, lists: Lists): Thing[] {
  const out: Thing[] = location.scenery.map((s: Scenery) => ({
    label: `scenery "${s.name}"`, ...naming(s), when: s.when ?? {}, while: s.while ?? {},
  }));
  const always = (label: string, n: Named): Thing => ({ label, ...naming(n), when: {}, while: {} });
  for (const node of lists.nodes) if (node?.location === location.id) out.push({ ...always(`node "${node.id}"`, node), node: true });
  for (const box of location.containers) out.push(always(`container "${box.id}"`, box));
  for (const station of lists.stations) if (station?.location === location.id) out.push(always(`station "${station.id}"`, station));
  for (const npc of lists.npcs) if (npc?.location === location.id) out.push(always(`NPC "${npc.id}"`, npc));
  for (const stack of location.items) {
    const item = lists.items.find((x) => x?.id === stack.item);
    if (item) out.push({ label: `item "${item.id}"`, ...naming(item), when: {}, while: { item: item.id } });
  }
  for (const enemy of lists.enemies) {
    if (enemy?.locations.includes(location.id)) out.push({ label: `enemy "${enemy.id}"`, ...naming(enemy), when: {}, while: { enemy: enemy.id } });
  }
  return out;
}

/**
 * Whether the thing answers to the word the way the parser takes it: any word of its names
 * ("rocks" finds "rock" too), but a word that is a whole name somewhere in the world only as a
 * whole name of its own (or of a node, which answers to what it yields).
 */
function answersTo(thing: Thing, word: string, worldNames: ReadonlySet<string>): boolean {
  if (worldNames.has(word) && !thing.node) return thing.phrases.has(word);
  if (thing.words.has(word)) return true;
  return (word.endsWith('s') && thing.words.has(word.slice(0, -1))) || (word.endsWith('es') && thing.words.has(word.slice(0, -2)));
}

/** Every condition of the thing is one the text is told under, so it is there whenever the text is. */
function thereWhenTold(thing: Thing, told: Told): boolean {
  const same = <T extends object>(needed: T, given: T): boolean =>
    (Object.keys(needed) as (keyof T)[]).every((k) => needed[k] === undefined || needed[k] === given[k]);
  return same(thing.when, told.when) && same(thing.while, told.while);
}

function conditionText(thing: Thing): string {
  const parts = [...Object.entries(thing.when), ...Object.entries(thing.while)].filter(([, v]) => v !== undefined);
  return parts.map(([k, v]) => `${k}: ${String(v)}`).join(', ');
}

const listedCache = new WeakMap<Words, ReadonlySet<string>>();

function listedOf(words: Words): ReadonlySet<string> {
  let listed = listedCache.get(words);
  if (!listed) listedCache.set(words, (listed = new Set([...words.plain, ...words.unseen].map((w) => w.toLowerCase()))));
  return listed;
}

/** The nouns of a location's texts, once per text: every word neither plain nor unseen. */
export function roomNouns(location: Location, words: Words): RoomNoun[] {
  const listed = listedOf(words);
  const out: RoomNoun[] = [];
  for (const told of textsOf(location)) {
    const seen = new Set<string>();
    for (const word of wordsOf(told.text)) {
      if (listed.has(word) || seen.has(word)) continue;
      seen.add(word);
      out.push({ word, path: told.path });
    }
  }
  return out;
}

export function checkRoomNouns(lists: Lists, words: Words, report: Reporter): void {
  checkWordLists(words, report);
  const worldNames = worldNamesOf(lists);
  lists.locations.forEach((location, i) => {
    if (!location) return;
    const things = thingsAt(location, lists);
    const texts = textsOf(location);
    for (const noun of roomNouns(location, words)) {
      const told = texts.find((t) => t.path.join('.') === noun.path.join('.'))!;
      const named = things.filter((t) => answersTo(t, noun.word, worldNames));
      if (named.some((t) => thereWhenTold(t, told))) continue;
      const path = [i, ...noun.path];
      if (named.length === 0) {
        const entry = worldNames.has(noun.word)
          ? `a scenery entry named "${noun.word}" or with the alias "${noun.word}" (a word of a longer name will not do: "${noun.word}" is the whole name of something elsewhere)`
          : `a scenery entry whose name or aliases have "${noun.word}"`;
        report('locations', path, `"${noun.word}" names nothing here to examine: give this room ${entry}, or list the word in words.yaml (unseen: a noun nobody can look at; plain: not a noun)`, undefined, noun.word);
      } else {
        const thing = named[0]!;
        report('locations', path, `"${noun.word}" is ${thing.label}, there only while ${conditionText(thing)}; this text is told without that condition, so give the word scenery that is there whenever it is told`, undefined, noun.word);
      }
    }
    location.scenery.forEach((s, j) => checkSceneryConditions(location, s, [i, 'scenery', j], lists, report));
  });
}

function checkSceneryConditions(location: Location, s: Scenery, at: Path, lists: Lists, report: Reporter): void {
  const firstVisit = 'scenery cannot depend on a first visit: it is looked at after arriving; write it so it is true on any visit';
  if (s.when?.firstVisit !== undefined) report('locations', [...at, 'when', 'firstVisit'], firstVisit);
  s.variants.forEach((v, k) => v.when.firstVisit !== undefined && report('locations', [...at, 'variants', k, 'when', 'firstVisit'], firstVisit));
  const { item, enemy } = s.while ?? {};
  if (item !== undefined && !location.items.some((stack) => stack.item === item)) {
    report('locations', [...at, 'while', 'item'], `"${item}" does not lie here when the world begins (add it to items), so the scenery would never be there`);
  }
  const foe = enemy === undefined ? undefined : lists.enemies.find((x) => x?.id === enemy);
  if (enemy !== undefined && !foe?.locations.includes(location.id)) {
    report('locations', [...at, 'while', 'enemy'], `"${enemy}" does not live here, so the scenery would never be there`);
  }
}

/** A word listed twice, or as both unseen and plain, is a slip in words.yaml. */
function checkWordLists(words: Words, report: Reporter): void {
  const seen = new Map<string, string>();
  for (const list of ['unseen', 'plain'] as const) {
    words[list].forEach((w, j) => {
      const key = w.toLowerCase();
      const earlier = seen.get(key);
      if (earlier !== undefined) report('words', [list, j], `"${w}" is listed already (${earlier})`);
      else seen.set(key, `${list}[${j}]`);
    });
  }
}
