/**
 * Noun phrases -> scope entities. Handles articles, adjectives, multi-word names and aliases,
 * plurals, numbers, ALL / ALL EXCEPT, lists with AND, pronouns, `#id`, and one-edit spelling
 * slips. Never returns an entity that is not in the scope.
 *
 *   const r = resolveNouns(['the', 'rusty', 'sword'], scope, role, bindings);
 *   if (r.ok) r.hits[0].entity.id // 'rusty-sword'
 */
import type { Scope, ScopeEntity } from '../engine/scope.ts';
import { ARTICLES, closestWord, numberOf, orList, theName } from './words.ts';

export interface Role {
  /** Entities this verb is about; tried first, the rest of scope is the fallback. */
  readonly prefer: (e: ScopeEntity) => boolean;
  /** ALL and lists allowed. */
  readonly multi: boolean;
  /** Verb for "There is nothing to take." */
  readonly verb: string;
  /**
   * Whether recipes and skills (`known`) may stand in when nothing preferred matches. Only for
   * verbs about knowledge (examine): "wear hat" must not find the recipe for a hat.
   */
  readonly knownFallback?: boolean;
  /** What ALL means for this verb when narrower than `prefer` (DROP ALL keeps worn gear on). */
  readonly all?: (e: ScopeEntity) => boolean;
  /**
   * When nothing matches, accept the one gathering node that a noun of the phrase names: scopes
   * name a node, not what it yields, so "gather driftwood sticks" means the driftwood pile.
   */
  readonly partialNodes?: boolean;
  /** A second choice before the rest of scope: "take flint" gathers from a flint node here. */
  readonly second?: (e: ScopeEntity) => boolean;
  /** The only kinds this verb can act on, when it is that narrow (take: items and nodes). */
  readonly kinds?: readonly ScopeEntity['kind'][];
  /** How a thing that is not at hand is missing: "You have no flint." (have) or "You can't see any flint here." */
  readonly absent?: 'have' | 'see';
}

export interface Bindings {
  readonly it?: string;
  readonly them?: readonly string[];
  readonly him?: string;
  readonly counts?: Readonly<Record<string, number>>;
}

export interface NounHit {
  readonly entity: ScopeEntity;
  /** A number the player gave ("3 moonpetals"). */
  readonly count?: number;
  /** Named in the plural or through ALL: means every one of them. */
  readonly every: boolean;
}

export type NounOutcome =
  | { readonly ok: true; readonly hits: readonly NounHit[]; readonly notes: readonly string[] }
  | {
      readonly ok: false;
      readonly status: 'ambiguous' | 'unknown-noun' | 'ok';
      readonly text: string;
      readonly candidates?: readonly ScopeEntity[];
      /** The word that matched nothing, for OOPS. */
      readonly badWord?: string;
      /**
       * The id of the islander named, who keeps hours and is elsewhere now: TALK, ASK and GIVE
       * still name them, so the rules refuse it (`talk/away`) as they would any stale view.
       */
      readonly away?: string;
    };

interface EntityVocab {
  readonly words: ReadonlySet<string>;
  /** Words of the name and aliases (a plural word that is also one of these is not a plural). */
  readonly singular: ReadonlySet<string>;
  readonly nouns: ReadonlySet<string>;
  readonly plurals: ReadonlySet<string>;
  readonly phrases: ReadonlySet<string>;
}
interface Vocab {
  readonly of: ReadonlyMap<ScopeEntity, EntityVocab>;
  /** Every word any entity answers to, sorted (spelling guesses are deterministic). */
  readonly all: readonly string[];
  readonly allSet: ReadonlySet<string>;
}

const vocabCache = new WeakMap<Scope, Vocab>();
const split = (s: string): string[] => s.toLowerCase().split(/[^\p{L}\p{N}'-]+/u).filter(Boolean);

export function vocabOf(scope: Scope): Vocab {
  const hit = vocabCache.get(scope);
  if (hit) return hit;
  const of = new Map<ScopeEntity, EntityVocab>();
  const all = new Set<string>();
  for (const e of scope.entities) {
    const words = new Set<string>();
    const singular = new Set<string>();
    const nouns = new Set<string>();
    const plurals = new Set<string>();
    const phrases = new Set<string>();
    for (const phrase of [e.name, ...e.aliases]) {
      const ws = split(phrase);
      ws.forEach((w) => { words.add(w); singular.add(w); });
      if (ws.length) nouns.add(ws[ws.length - 1]!);
      phrases.add(ws.join(' '));
    }
    const pl = split(e.plural);
    pl.forEach((w) => words.add(w));
    if (pl.length) {
      plurals.add(pl[pl.length - 1]!);
      nouns.add(pl[pl.length - 1]!);
      phrases.add(pl.join(' '));
    }
    for (const a of e.adjectives) split(a).forEach((w) => words.add(w));
    words.forEach((w) => all.add(w));
    of.set(e, { words, singular, nouns, plurals, phrases });
  }
  const v: Vocab = { of, all: [...all].sort(), allSet: all };
  vocabCache.set(scope, v);
  return v;
}

/** How one word fits an entity: not at all, as a word, and whether it is a noun / a plural. */
function wordFit(w: string, ev: EntityVocab): { noun: boolean; plural: boolean } | undefined {
  if (ev.words.has(w)) return { noun: ev.nouns.has(w), plural: ev.plurals.has(w) && !ev.singular.has(w) };
  for (const stem of [w.endsWith('s') ? w.slice(0, -1) : '', w.endsWith('es') ? w.slice(0, -2) : '']) {
    if (stem && ev.words.has(stem)) return { noun: ev.nouns.has(stem), plural: true };
  }
  return undefined;
}

interface Match {
  readonly entity: ScopeEntity;
  readonly score: number;
  readonly plural: boolean;
}

/** Entities every word fits, scored: exact phrase 2, has a noun 1, adjectives only 0. */
function matchWords(words: readonly string[], scope: Scope): Match[] {
  const v = vocabOf(scope);
  const phrase = words.join(' ');
  const out: Match[] = [];
  for (const e of scope.entities) {
    const ev = v.of.get(e)!;
    let noun = false;
    let plural = false;
    let ok = true;
    for (const w of words) {
      const f = wordFit(w, ev);
      if (!f) { ok = false; break; }
      noun ||= f.noun;
      plural ||= f.plural;
    }
    if (ok) out.push({ entity: e, score: ev.phrases.has(phrase) ? 2 : noun ? 1 : 0, plural });
  }
  return out;
}

function best<T extends { score: number }>(ms: readonly T[]): T[] {
  const top = Math.max(-1, ...ms.map((m) => m.score));
  return ms.filter((m) => m.score === top);
}

/** One entity per id, keeping the first (preferred) of duplicates (moonpetals here and carried). */
function uniqueById<T extends { entity: ScopeEntity }>(ms: readonly T[]): T[] {
  const seen = new Set<string>();
  return ms.filter((m) => (seen.has(m.entity.id) ? false : (seen.add(m.entity.id), true)));
}

/**
 * The tier of matches the verb is about (its preferred kind, then its second choice, then the
 * rest), and within it the best-named ones, one per id.
 */
function preferred<T extends { entity: ScopeEntity; score?: number }>(ms: readonly T[], role: Role): T[] {
  const scored = (xs: readonly T[]) => uniqueById(best(xs.map((m) => ({ ...m, score: m.score ?? 0 }))));
  const p = ms.filter((m) => role.prefer(m.entity));
  if (p.length) return scored(p);
  const s = role.second ? ms.filter((m) => role.second!(m.entity)) : [];
  if (s.length) return scored(s);
  // Outside what the verb is about, a thing answers only to its noun: "x sea" is not the sea boots.
  const rest = ms.filter((m) => (m.score ?? 1) >= 1);
  return scored(role.knownFallback ? rest : rest.filter((m) => m.entity.where !== 'known'));
}

/** Matches this role may name at all: known things only for verbs that prefer or allow them. */
function inReach(ms: Match[], role: Role): Match[] {
  return role.knownFallback ? ms : ms.filter((m) => m.entity.where !== 'known' || role.prefer(m.entity));
}

const PRONOUNS = new Set(['it', 'them', 'him', 'her', 'that', 'this', 'those', 'these', 'they']);
const PLURAL_PRONOUNS = new Set(['them', 'those', 'these', 'they']);
const ALL_WORDS = new Set(['all', 'everything', 'every', 'each', 'both']);
/** "all the things", "everything here": words that narrow nothing after ALL. */
const GENERIC = new Set(['of', 'it', 'them', 'things', 'thing', 'stuff', 'items', 'item', 'objects', 'here', 'around', 'lying', 'there']);
const EXCEPT_WORDS = new Set(['except', 'but', 'excluding', 'besides', 'without']);
export const NO_SUCH = "You can't see any such thing.";

/** Splits a list on `and` and commas. */
function splitList(words: readonly string[]): string[][] {
  const out: string[][] = [[]];
  for (const w of words) {
    if (w === 'and' || w === ',' || w === '&') out.push([]);
    else out[out.length - 1]!.push(w);
  }
  return out.filter((p) => p.length > 0);
}

type One =
  | { readonly ok: true; readonly hits: NounHit[]; readonly note?: string }
  | Extract<NounOutcome, { ok: false }>;

function resolveOne(raw: readonly string[], scope: Scope, role: Role, b: Bindings): One {
  let words = raw.filter((w) => !ARTICLES.has(w));
  // "the rusty one", "the iron ones"
  if (words.length > 1 && (words[words.length - 1] === 'one' || words[words.length - 1] === 'ones')) words = words.slice(0, -1);
  let count: number | undefined;
  if (words.length > 1 && numberOf(words[0]!) !== undefined) {
    count = numberOf(words[0]!);
    words = words.slice(1).filter((w) => !ARTICLES.has(w));
  }
  if (words.length === 0) words = raw.filter((w) => w === 'that' || w === 'this');
  if (words.length === 0) return { ok: false, status: 'unknown-noun', text: NO_SUCH };
  const byId = (id: string) => scope.entities.filter((e) => e.id === id);
  if (words.length === 1 && words[0]!.startsWith('#')) {
    const es = preferred(byId(words[0]!.slice(1)).map((entity) => ({ entity })), role);
    if (es.length === 0) return { ok: false, status: 'unknown-noun', text: NO_SUCH, badWord: words[0]! };
    return { ok: true, hits: [{ entity: es[0]!.entity, count, every: false }] };
  }
  if (words.length === 1 && PRONOUNS.has(words[0]!)) {
    const w = words[0]!;
    const ids = w === 'him' || w === 'her' ? (b.him ? [b.him] : []) : w === 'it' || w === 'that' || w === 'this'
      ? (b.it ? [b.it] : b.them ?? []) : (b.them ?? (b.it ? [b.it] : []));
    if (ids.length === 0) return { ok: false, status: 'unknown-noun', text: `I'm not sure what '${w}' refers to.` };
    const hits: NounHit[] = [];
    // "take them" after a fight means no enemy: a pronoun names only the kinds the verb acts on.
    const fits = ids.filter((id) => byId(id).some((e) => !role.kinds || role.kinds.includes(e.kind)));
    if (fits.length === 0 && ids.some((id) => byId(id).length > 0)) return { ok: false, status: 'unknown-noun', text: `I'm not sure what '${w}' refers to.` };
    for (const id of fits) {
      const es = preferred(byId(id).map((entity) => ({ entity })), role);
      if (es[0]) hits.push({ entity: es[0].entity, count: count ?? b.counts?.[id], every: ids.length > 1 || PLURAL_PRONOUNS.has(w) });
    }
    if (hits.length === 0) return { ok: false, status: 'unknown-noun', text: `You can't see ${w} any more.` };
    return { ok: true, hits };
  }
  let matches = inReach(matchWords(words, scope), role);
  let note: string | undefined;
  let named = words;
  // A whole name of something elsewhere ("coat" with the coat in the office) is no slip for a
  // name here ("boat"): it is said to be missing below.
  const elsewhere = scope.worldNames?.some((n) => n.toLowerCase() === words.join(' ')) ?? false;
  if (matches.length === 0 && !elsewhere) {
    const fixed = correctSpelling(words, scope);
    if (fixed) {
      matches = inReach(matchWords(fixed, scope), role);
      if (matches.length > 0) { note = 'guess'; named = fixed; }
    }
  }
  if (matches.length === 0 && role.partialNodes) {
    const node = partialNode(words, scope);
    if (node) {
      matches = [{ entity: node, score: 0, plural: false }];
      note = 'guess';
    }
  }
  // A whole name wins over names that merely hold it; a whole name of something not at hand
  // ("drop flint" with only the flint pickaxe) is said to be missing, never read as another thing.
  const phrase = named.join(' ');
  // A node answers to what it yields ("gather moonpetals" is the patch), so it is never ruled out;
  // nor are recipes and skills for the verbs about them ("craft flint" asks which flint tool).
  const kept = (m: Match) => m.entity.kind === 'node' || (m.entity.where === 'known' && role.prefer(m.entity));
  if (matches.some((m) => m.score === 2)) matches = matches.filter((m) => m.score === 2 || kept(m));
  else if (!matches.some(kept)) {
    const proper = (n: string) => /^(the\s+)?\p{Lu}/u.test(n);
    // "hesk" is Mother Hesk's too: a proper name that ends with the words typed.
    const exact = scope.worldNames?.find((n) => n.toLowerCase() === phrase);
    // "the smith" is Bram when Bram keeps the forge's hours elsewhere now.
    const byAlias = exact && !proper(exact) ? scope.away?.filter((a) => a.aliases.some((al) => al.toLowerCase() === phrase)) : undefined;
    const name = byAlias?.length === 1 ? byAlias[0]!.name
      : exact && !proper(exact) ? scope.worldNames?.find((n) => proper(n) && n.toLowerCase().endsWith(` ${phrase}`)) ?? exact : exact;
    if (name && proper(name)) {
      const who = theName(name);
      // An islander who keeps hours is somewhere now: say where ("Bram is at the Smithy at this hour.").
      const away = scope.away?.find((a) => a.name === name || a.aliases.includes(name));
      const where = away ? ` at ${/^the /i.test(away.place) ? away.place.replace(/^The /, 'the ') : `the ${away.place}`} at this hour` : ' not here';
      return { ok: false, status: 'unknown-noun', text: `${who[0]!.toUpperCase()}${who.slice(1)} is${where}.`, ...(away ? { away: away.id } : {}) };
    }
    if (name) return { ok: false, status: 'unknown-noun', text: role.absent === 'have' ? `You have no ${phrase}.` : `You can't see any ${phrase} here.` };
  }
  if (matches.length === 0) {
    const v = vocabOf(scope);
    const bad = words.find((w) => !v.allSet.has(w) && !(w.endsWith('s') && v.allSet.has(w.slice(0, -1))));
    return { ok: false, status: 'unknown-noun', text: NO_SUCH, badWord: bad ?? words[words.length - 1]! };
  }
  const ms = preferred(matches, role);
  if (ms.length === 0) return { ok: false, status: 'unknown-noun', text: NO_SUCH, badWord: words[words.length - 1]! };
  const plural = ms.some((m) => m.plural);
  if (ms.length > 1 && !(plural && role.multi)) {
    const cands = ms.map((m) => m.entity);
    return {
      ok: false,
      status: 'ambiguous',
      text: `Which do you mean, ${orList(cands.map((e) => e.name))}?`,
      candidates: cands,
    };
  }
  // "take the 2 swords": a count that is just how many distinct things matched.
  if (count !== undefined && ms.length > 1 && count === ms.length && ms.every((m) => m.entity.qty === 1)) count = undefined;
  const hits = ms.map((m) => ({ entity: m.entity, count, every: plural && count === undefined }));
  return { ok: true, hits, note: note && `(assuming you meant ${theName(hits[0]!.entity.name)})` };
}

/** The only node here that one of the words names as a noun, if exactly one does. */
function partialNode(words: readonly string[], scope: Scope): ScopeEntity | undefined {
  const v = vocabOf(scope);
  const hits = uniqueById(scope.entities.filter((e) => e.kind === 'node').map((entity) => ({ entity })))
    .filter(({ entity }) => words.some((w) => wordFit(w, v.of.get(entity)!)?.noun));
  return hits.length === 1 ? hits[0]!.entity : undefined;
}

/** Words unknown to the scope, replaced by the one known word each slipped from (`closestWord`). */
function correctSpelling(words: readonly string[], scope: Scope): string[] | undefined {
  const v = vocabOf(scope);
  let changed = false;
  const out = words.map((w) => {
    if (v.allSet.has(w) || numberOf(w) !== undefined) return w;
    const fix = closestWord(w, v.all);
    if (fix) changed = true;
    return fix ?? w;
  });
  return changed ? out : undefined;
}

/** Resolves a (possibly listed, possibly ALL) noun phrase for a verb. */
export function resolveNouns(raw: readonly string[], scope: Scope, role: Role, b: Bindings): NounOutcome {
  const notes: string[] = [];
  let words = raw;
  // "it all", "them all", "all of them" mean ALL; "the swords except the rusty one" means ALL swords except.
  if (words.length === 2 && PRONOUNS.has(words[0]!) && words[1] === 'all') words = ['all'];
  if (role.multi && !ALL_WORDS.has(words[0] ?? '') && words.some((w) => w === 'except' || w === 'excluding' || w === 'besides')) {
    words = ['all', ...words];
  }
  const first = words[0];
  if (first !== undefined && ALL_WORDS.has(first) && role.multi) {
    const cut = words.findIndex((w) => EXCEPT_WORDS.has(w));
    const head = words.slice(1, cut < 0 ? undefined : cut).filter((w) => !ARTICLES.has(w) && !GENERIC.has(w) && numberOf(w) === undefined);
    const except = cut < 0 ? [] : words.slice(cut + 1);
    if (except[0] === 'for') except.shift();
    let pool: ScopeEntity[];
    if (head.length) {
      pool = uniqueById(matchWords(head, scope).filter((m) => role.prefer(m.entity))).map((m) => m.entity);
    } else {
      pool = uniqueById(scope.entities.filter(role.all ?? role.prefer).map((entity) => ({ entity }))).map((m) => m.entity);
    }
    if (first === 'both' && head.length) pool = pool.slice(0, 2);
    const excluded = new Set<string>();
    for (const part of splitList(except)) {
      const ws = part.filter((w) => !ARTICLES.has(w) && w !== 'one' && w !== 'ones');
      for (const m of matchWords(ws, scope)) excluded.add(m.entity.id);
      if (ws.length === 1 && PRONOUNS.has(ws[0]!)) {
        for (const id of [b.it, ...(b.them ?? [])]) if (id) excluded.add(id);
      }
    }
    pool = pool.filter((e) => !excluded.has(e.id));
    if (pool.length === 0) return { ok: false, status: 'ok', text: `There is nothing to ${role.verb}.` };
    return { ok: true, hits: pool.map((entity) => ({ entity, every: true })), notes };
  }
  const parts = role.multi ? splitList(words) : [words.filter((w) => w !== ',')];
  if (parts.length === 0) return { ok: false, status: 'unknown-noun', text: NO_SUCH };
  const hits: NounHit[] = [];
  for (const part of parts) {
    const r = resolveOne(part, scope, role, b);
    if (!r.ok) return r;
    if (r.note) notes.push(r.note);
    for (const h of r.hits) if (!hits.some((x) => x.entity.id === h.entity.id)) hits.push(h);
  }
  return { ok: true, hits, notes };
}

/** Narrows disambiguation candidates by an answer: `rusty`, `iron sword`, `the second`, `#id`. */
export function pickCandidate(
  words: readonly string[],
  candidates: readonly ScopeEntity[],
  scope: Scope,
): ScopeEntity[] {
  const ws = words.filter((w) => !ARTICLES.has(w) && w !== 'one' && w !== 'ones');
  if (ws.length === 0) return [];
  if (ws.length === 1 && ws[0]!.startsWith('#')) return candidates.filter((c) => c.id === ws[0]!.slice(1));
  const v = vocabOf(scope);
  return candidates.filter((c) => {
    const ev = v.of.get(c);
    return ev !== undefined && ws.every((w) => wordFit(w, ev));
  });
}
