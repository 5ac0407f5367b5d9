/**
 * The rule parser: a line of English + the player's scope -> intents, synchronously, no model.
 * It keeps what lies between lines (a question it asked, the last command for AGAIN, the last
 * failed word for OOPS, pronoun bindings) in a plain `ParserState`.
 *
 *   const parser = new RuleParser();
 *   const r = parser.parse('take the rusty sword and lantern, then go north', scope);
 *   // r.status 'ok'; r.intents [take rusty-sword, take lantern, move north]
 *   parser.parse('take sword', scope);  // ambiguous: "Which do you mean, the rusty sword or the iron sword?"
 *   parser.parse('iron', scope);        // ok: take iron-sword
 *
 * Pure form for reducers and tests: `parseLine(text, scope, state) -> { result, state }`.
 */
import type { Action } from '../engine/action.ts';
import type { Scope } from '../engine/scope.ts';
import { firstUnsafeChar } from '../engine/text-safety.ts';
import { commandFor } from './command-text.ts';
import { runAct, type Cmd, type Outcome } from './acts.ts';
import { privateSpeech } from './acts-speech.ts';
import { linesFor, matchLine, SUGGESTED_VERBS, VERB_WORDS } from './grammar.ts';
import { pickCandidate, resolveNouns, vocabOf } from './nouns.ts';
import { projectScope } from './project.ts';
import type { IntentParser, ParseResult, ParseStep, ParseStatus, ParserState, PendingQuestion, MetaCommand } from './types.ts';
import { ARTICLES, closestWord, DIRECTION_NAMES, directionOf, GREETINGS, isDirectionWord, isPunct, ordinalOf, stripFiller, theName, tokenize, type Token } from './words.ts';

type RawVerb = 'say' | 'shout' | 'emote' | 'name' | 'tell' | 'whisper' | 'ban' | 'unban' | 'mute' | 'unmute' | 'mod' | 'unmod' | 'moderator';
const RAW_VERBS: Readonly<Record<string, RawVerb>> = {
  say: 'say', shout: 'shout', yell: 'shout', utter: 'say', reply: 'say', answer: 'say',
  whisper: 'whisper', murmur: 'whisper', tell: 'tell', message: 'tell', msg: 'tell',
  emote: 'emote', me: 'emote', '/me': 'emote', pose: 'emote',
  name: 'name', rename: 'name', nick: 'name', nickname: 'name',
  ban: 'ban', banish: 'ban', unban: 'unban', mute: 'mute', silence: 'mute', unmute: 'unmute', unsilence: 'unmute',
  mod: 'mod', unmod: 'unmod', moderator: 'moderator', moderators: 'moderator',
};

/** MODERATOR ADD NAME / MODERATOR REMOVE NAME (bare MODERATORS lists the members). */
function moderatorRequest(rest: string): { kind: 'moderate'; what: 'mod' | 'unmod'; text: string } | { kind: 'members' } {
  const m = /^(add|make|name|appoint|remove|drop|unmake|dismiss)\b\s*(.*)$/i.exec(rest);
  if (m === null) return { kind: 'members' };
  const removing = /^(remove|drop|unmake|dismiss)$/i.test(m[1]!);
  return { kind: 'moderate', what: removing ? 'unmod' : 'mod', text: m[2]!.trim().slice(0, 64) };
}

/** Said before the rules would refuse it: the schema takes no control or direction-changing characters. */
const UNSAFE_SPEECH_TEXT = "You can't say that: it holds control or text-direction characters.";
const UNSAFE_NAME_TEXT = "That can't be a name: it holds control, text-direction or invisible characters.";

/** Abbreviations spelled out for questions ("What do you want to examine?", not "... to x?"). */
const SPELLED_OUT: Readonly<Record<string, string>> = { x: 'examine', ex: 'examine', exam: 'examine', l: 'look' };

/** Answers that drop a question instead of answering it. */
const CANCEL = /^\s*(neither|none|nothing|no one|nobody|never ?mind|nvm|cancel|forget it|stop)\W*\s*$/i;

/** What a slipped verb may be read as: every verb word and the directions spelled out. */
const VERB_CANDIDATES: readonly string[] = [...VERB_WORDS, ...DIRECTION_NAMES];
/** Ties between equally close verbs go to the everyday ones ("lok" is look, not lock). */
const EVERYDAY_VERBS: ReadonlySet<string> = new Set(SUGGESTED_VERBS.map((v) => v.split(' ')[0]!));

/** The reply to a command whose things were all left out (none of them could be acted on). */
const NOTHING_DONE = 'Nothing of that kind needs doing.';

/** Below the chain's default threshold (0.6), so the LLM, when on, gets a say. */
const VERB_GUESS_CONFIDENCE = 0.5;

const HELP_HINT =
  'Try LOOK, EXAMINE something, TAKE or DROP things, GO NORTH (or just N), INVENTORY, TALK TO someone, ATTACK, GATHER, CRAFT, or HELP.';

export class RuleParser implements IntentParser {
  state: ParserState;
  constructor(state: ParserState = {}) {
    this.state = state;
  }
  parse(text: string, scope: Scope): ParseResult {
    const { result, state } = parseLine(text, scope, this.state);
    this.state = state;
    return result;
  }
  /**
   * Takes note of intents another parser (the language model) read from a line, so AGAIN repeats
   * a single one and pronouns refer to what it named.
   */
  remember(actions: readonly Action[], scope: Scope): void {
    const ids = new Set(actions.flatMap((a) => ['target' in a ? a.target : undefined, 'to' in a ? a.to : undefined]));
    const mentioned = scope.entities.filter((e, i, all) => ids.has(e.id) && all.findIndex((x) => x.id === e.id) === i);
    this.state = { ...bind(this.state, mentioned), pending: undefined, oops: undefined, ...(actions.length === 1 ? { again: commandFor(actions[0]!) } : {}) };
  }

  /** Forgets questions, AGAIN, OOPS and pronouns (a new game, another player). */
  reset(): void {
    this.state = {};
  }
}

interface Acc {
  steps: ParseStep[];
  /** Replies given before later steps become those steps' notes, to keep the order. */
  carry: string[];
  confidence: number;
  state: ParserState;
}

export function parseLine(text: string, scope: Scope, state: ParserState): { result: ParseResult; state: ParserState } {
  if (text.trim() === '?') return runLine('help', tokenize('help'), scope, { ...state, pending: undefined });
  const tokens = tokenize(text.slice(0, 1000));
  if (tokens.filter((t) => !isPunct(t.w)).length === 0 && !/^\s*["']/.test(text)) {
    return { result: done('incomplete', emptyAcc(state), 'I beg your pardon?', 0), state };
  }
  if (state.pending && CANCEL.test(text)) {
    return { result: done('ok', emptyAcc(state), 'All right, never mind.', 1), state: { ...state, pending: undefined } };
  }
  if (state.pending) {
    const answered = answerPending(text, tokens, scope, state.pending);
    if (answered !== undefined) return parseLine(answered, scope, { ...state, pending: undefined });
  }
  return runLine(text, tokens, scope, { ...state, pending: undefined });
}

function emptyAcc(state: ParserState): Acc {
  return { steps: [], carry: [], confidence: 1, state };
}

function done(status: ParseStatus, acc: Acc, text: string | undefined, confidence: number, extra: Partial<ParseResult> = {}): ParseResult {
  const texts = [...acc.carry, ...(text ? [text] : [])];
  return {
    status,
    intents: acc.steps.map((s) => s.action),
    steps: acc.steps,
    ...(texts.length ? { text: texts.join('\n') } : {}),
    confidence: Math.min(acc.confidence, confidence),
    source: 'rule',
    ...extra,
  };
}

/** The answer to a question, as the completed command text; undefined when it is a new command. */
function answerPending(text: string, tokens: readonly Token[], scope: Scope, p: PendingQuestion): string | undefined {
  const words = stripFiller(tokens.map((t) => t.w));
  // Speech is never an answer: what is said is said as typed ("say hello archon").
  if (RAW_VERBS[words[0] ?? ''] !== undefined) return undefined;
  const tail = p.rest ? ` then ${p.rest}` : '';
  if (p.kind === 'which') {
    const cands = p.candidates.map((id) => scope.entities.find((e) => e.id === id)).filter((e) => e !== undefined);
    const ws = words.filter((w) => !ARTICLES.has(w) && w !== 'one');
    const ord = ws.length === 1 ? ordinalOf(ws[0]!) : undefined;
    let picked = cands;
    if (ord !== undefined) picked = cands.slice(ord < 0 ? -1 : ord - 1, ord < 0 ? undefined : ord);
    else if (ws.length === 1 && (ws[0] === 'either' || ws[0] === 'any' || ws[0] === 'whichever')) picked = cands.slice(0, 1);
    else if (ws.length === 1 && (ws[0] === 'both' || ws[0] === 'all' || ws[0] === 'each')) picked = cands;
    else picked = pickCandidate(words, cands, scope);
    if (picked.length === 0) return undefined;
    return p.template.replace('{}', picked.map((e) => `#${e.id}`).join(' and ')) + tail;
  }
  const first = words[0] ?? '';
  const isCommand = (linesFor(first) !== undefined || isDirectionWord(first) || RAW_VERBS[first] !== undefined)
    && !vocabOf(scope).allSet.has(first) && !p.template.startsWith('go ') && !p.template.startsWith('{}');
  if (isCommand) return undefined;
  // "give bread" / "Whom ...?" / "to mira": drop the word the template already has before {}.
  let answer = text.trim().replace(/[.!?]+$/, '');
  const before = /(\S+) \{\}/.exec(p.template)?.[1];
  if (before && answer.toLowerCase().startsWith(`${before} `)) answer = answer.slice(before.length + 1);
  return p.template.replace('{}', answer) + tail;
}

/** Splits a line into commands at `.`, `;`, `then`, and at `,` / `and` before a verb. */
function splitCommands(tokens: readonly Token[], scope: Scope): { tokens: Token[]; raw?: RawVerb }[] {
  const out: { tokens: Token[]; raw?: RawVerb }[] = [{ tokens: [] }];
  const vocab = vocabOf(scope).allSet;
  const startsCommand = (t: Token | undefined) =>
    t !== undefined && (t.w === 'then' || ((linesFor(t.w) !== undefined || isDirectionWord(t.w) || RAW_VERBS[t.w] !== undefined) && !vocab.has(t.w)));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const cur = out[out.length - 1]!;
    const lead = stripFiller([...cur.tokens.map((x) => x.w), t.w]);
    if (RAW_VERBS[t.w] && lead.length === 1 && lead[0] === t.w) {
      cur.tokens.push(...tokens.slice(i));
      cur.raw = RAW_VERBS[t.w];
      break;
    }
    const boundary = t.w === '.' || t.w === ';' || t.w === '!' || t.w === '?' || (t.w === 'then' && cur.tokens.length > 0)
      || ((t.w === ',' || t.w === 'and') && startsCommand(tokens[i + 1]));
    if (boundary) {
      if (cur.tokens.length > 0) out.push({ tokens: [] });
    } else if (!(cur.tokens.length === 0 && (t.w === 'then' || t.w === 'and' || t.w === ','))) cur.tokens.push(t);
  }
  return out.filter((c) => c.tokens.length > 0);
}

/** MOVE WORLD [NOW | FINISH] [WITHOUT NAME, NAME ...] (also ISLE, and THE before it). */
const MOVE_WORLD = /^\s*move (the )?(world|isle)(?:\s+(now|finish))?(\s+(?:without|except|but|leaving out)\s+(.+))?\s*[.!]?\s*$/i;
/** FINISH MOVING THE WORLD, FINISH THE MOVE: MOVE WORLD FINISH in other words. */
const FINISH_MOVE = /^\s*finish (?:moving (?:the )?(?:world|isle)|(?:the )?move)()()()(\s+(?:without|except|but|leaving out)\s+(.+))?\s*[.!]?\s*$/i;

function runLine(text: string, tokens: readonly Token[], scope: Scope, state: ParserState): { result: ParseResult; state: ParserState } {
  const acc = emptyAcc(state);
  if (/^\s*["']/.test(text)) {
    const said = speechOf(text);
    return finishSpeech(acc, said, 'say');
  }
  const finishing = FINISH_MOVE.exec(text);
  const moving = finishing ?? MOVE_WORLD.exec(text);
  if (moving) {
    // The owner's MOVE WORLD (issue 19): the session checks who may, and asks before doing it.
    const finish = finishing !== null || moving[3]?.toLowerCase() === 'finish';
    const request = { kind: 'move-world' as const, now: moving[3]?.toLowerCase() === 'now', without: (moving[5] ?? '').trim().slice(0, 200), ...(finish ? { finish } : {}) };
    return apply(acc, { kind: 'request', request }, ['move', 'world'], scope, () => undefined) ?? { result: done('ok', acc, undefined, 1), state: acc.state };
  }
  const spoken = addressing(text, tokens, scope, state);
  if (spoken) return spoken;
  const commands = splitCommands(tokens, scope);
  // Later commands on the line see the scope as the earlier ones will probably leave it.
  let now = scope;
  for (let ci = 0; ci < commands.length; ci++) {
    const c = commands[ci]!;
    const restText = () => (ci + 1 < commands.length ? text.slice(commands[ci + 1]!.tokens[0]!.start).trim() : undefined);
    if (c.raw) {
      const words = stripFiller(c.tokens.map((t) => t.w));
      const verbTok = c.tokens.find((t) => t.w === words[0])!;
      if (c.raw === 'ban' || c.raw === 'unban' || c.raw === 'mute' || c.raw === 'unmute' || c.raw === 'mod' || c.raw === 'unmod' || c.raw === 'moderator') {
        // Moderation names a player anywhere in the world: the session looks them up.
        const rest = text.slice(verbTok.end).trim();
        const request = c.raw === 'moderator' ? moderatorRequest(rest) : { kind: 'moderate' as const, what: c.raw, text: rest.slice(0, 64) };
        return apply(acc, { kind: 'request', request }, words, now, () => undefined) ?? { result: done('ok', acc, undefined, 1), state: acc.state };
      }
      if (c.raw === 'tell' || c.raw === 'whisper') {
        return apply(acc, privateSpeech(c.raw, text.slice(verbTok.end), now), words, now, () => undefined) ?? { result: done('ok', acc, undefined, 1), state: acc.state };
      }
      const said = speechOf(text.slice(verbTok.end));
      return finishSpeech(acc, said, c.raw);
    }
    const words = stripFiller(c.tokens.map((t) => t.w));
    const before = acc.steps.length;
    const r = apply(acc, parseCommand(words, now, acc.state), words, now, restText);
    if (r) return r;
    for (const s of acc.steps.slice(before)) now = projectScope(now, s.action);
  }
  return { result: done('ok', acc, undefined, 1), state: acc.state };
}

/** What comes before the topic when a player asks an NPC about something ("tell me about"). */
const TOPIC_LEAD = /^(please )?((can you |could you |would you )?(tell|talk to) (me|us) (about|of) |what (do you know |can you tell me )?about |(what|who) (is|are|was) |about |do you know (about |of )?)/;

/**
 * "archon, hello" / "ysolde, tell me about poison": addressing someone here, the Inform way.
 * An NPC is talked to (about what follows, unless it is a greeting); another player is spoken to,
 * the line said as typed. Undefined when the words before the first comma name nobody here.
 */
function addressing(text: string, tokens: readonly Token[], scope: Scope, state: ParserState): { result: ParseResult; state: ParserState } | undefined {
  const comma = tokens.findIndex((t) => t.w === ',');
  if (comma < 1 || comma > 4) return undefined;
  const head = stripFiller(tokens.slice(0, comma).map((t) => t.w));
  if (head.length === 0 || linesFor(head[0]!) !== undefined || RAW_VERBS[head[0]!] !== undefined || isDirectionWord(head[0]!)) return undefined;
  const who = resolveNouns(head, scope, { verb: 'talk to', prefer: (e) => e.kind === 'npc' || e.kind === 'player', multi: false }, state);
  const rest = text.slice(tokens[comma]!.end).trim().replace(/[.!?]+$/, '').trim().toLowerCase();
  const topic = rest.replace(TOPIC_LEAD, '').split(/\s+/).filter((w) => w && !ARTICLES.has(w)).join(' ').slice(0, 40).trim();
  const talk = (target: string): Action => (!topic || GREETINGS.test(rest) ? { kind: 'talk', target } : { kind: 'talk', target, topic });
  // "teodor, the mercy" with Teodor elsewhere at this hour: the rules refuse it (`talk/away`), as TALK TO.
  if (!who.ok && who.away !== undefined) {
    const acc = emptyAcc(state);
    const action = talk(who.away);
    acc.steps.push({ action, tryFirst: true });
    return { result: done('ok', acc, undefined, 1), state: { ...state, again: commandFor(action), pending: undefined, oops: undefined } };
  }
  // "archon, hello" with Archon elsewhere: said so, rather than "I don't know the verb".
  if (!who.ok && / is not here\.$/.test(who.text)) return { result: done('unknown-noun', emptyAcc(state), who.text, 0), state };
  // "pip, follow me" with Pip in another room (players elsewhere are not in the scope): the
  // session knows every player, and says where the words went, rather than "I don't know the
  // verb". Only when the words before the comma are no verb, not even a slip of one.
  if (!who.ok && head.length <= 2 && closestWord(head[0]!, VERB_CANDIDATES, EVERYDAY_VERBS) === undefined) {
    const acc = emptyAcc(state);
    const request = { kind: 'address' as const, name: text.slice(tokens[0]!.start, tokens[comma - 1]!.end).trim().slice(0, 64) };
    return apply(acc, { kind: 'request', request }, head, scope, () => undefined) ?? { result: done('ok', acc, undefined, 1), state: acc.state };
  }
  if (!who.ok || who.hits.length !== 1) return undefined;
  const person = who.hits[0]!.entity;
  if (person.kind !== 'npc' && person.kind !== 'player') return undefined;
  const acc = emptyAcc(state);
  if (person.kind === 'player') return finishSpeech(acc, text.trim(), 'say');
  const action = talk(person.id);
  acc.steps.push({ action });
  return { result: done('ok', acc, undefined, 1), state: { ...bind(state, [person]), again: commandFor(action), pending: undefined, oops: undefined } };
}

/** What was said: the quoted part when quoted (`say "hi" to archon`), else the rest of the line. */
function speechOf(raw: string): string {
  const t = raw.trim().replace(/^(to )?(everyone|everybody|all)[,:]\s*/i, '');
  const quoted = /^["“']([^"”]*)["”]?/.exec(t);
  if (quoted && /^["“]/.test(t)) return quoted[1]!.trim();
  return t.replace(/^'|'$/g, '').trim();
}

function finishSpeech(acc: Acc, said: string, kind: 'say' | 'shout' | 'emote' | 'name'): { result: ParseResult; state: ParserState } {
  if (!said) {
    const verb = kind === 'name' ? 'be called' : kind;
    const pending: PendingQuestion = { kind: 'what', template: `${kind === 'emote' ? 'emote' : kind} {}`, candidates: [] };
    return { result: done('incomplete', acc, `What do you want to ${verb}?`, 0.5), state: { ...acc.state, pending } };
  }
  if (firstUnsafeChar(said, kind === 'name' ? 'name' : 'speech') !== null) {
    return { result: done('unknown-noun', acc, kind === 'name' ? UNSAFE_NAME_TEXT : UNSAFE_SPEECH_TEXT, 0), state: acc.state };
  }
  const action = kind === 'name' ? { kind, name: said.slice(0, 32) }
    : kind === 'shout' ? { kind: 'say' as const, text: said.slice(0, 280), shout: true as const } : { kind, text: said.slice(0, 280) };
  acc.steps.push({ action, ...(acc.carry.length ? { note: acc.carry.splice(0).join('\n') } : {}) });
  const state = kind === 'name' ? acc.state : { ...acc.state, again: `${kind} ${said}` };
  return { result: done('ok', acc, undefined, 1), state };
}

/**
 * Folds one command's outcome into the line's result. Returns the finished result when the line
 * stops here (a question, a failure, a meta command, a move with commands after it).
 */
function apply(acc: Acc, out: Outcome, words: readonly string[], scope: Scope, restText: () => string | undefined): { result: ParseResult; state: ParserState } | undefined {
  const cmdText = words.join(' ');
  switch (out.kind) {
    case 'steps': {
      // Every command gets a reply: one that came to nothing says so.
      if (out.steps.length === 0 && !out.moves) acc.carry.push(NOTHING_DONE);
      for (const s of out.steps) {
        const note = [...acc.carry.splice(0), ...(s.note ? [s.note] : [])].join('\n');
        acc.steps.push({ ...s, ...(note ? { note } : {}) });
      }
      acc.confidence = Math.min(acc.confidence, out.confidence ?? (out.guess ? 0.7 : 1));
      acc.state = { ...bind(acc.state, out.mentioned), again: cmdText, oops: undefined, counts: countsOf(out.steps) };
      const rest = restText();
      if (out.moves && rest) return { result: done('ok', acc, undefined, 1, { rest }), state: acc.state };
      return undefined;
    }
    case 'reply':
      acc.carry.push(out.text);
      acc.confidence = Math.min(acc.confidence, out.confidence ?? 1);
      acc.state = { ...bind(acc.state, out.mentioned ?? []), again: cmdText, oops: undefined };
      return undefined;
    case 'meta':
      // Steps before a meta command run first; the meta comes back as the rest of the chain.
      if (acc.steps.length > 0) return { result: done('ok', acc, undefined, 1, { rest: [words.join(' '), restText()].filter(Boolean).join(' then ') }), state: acc.state };
      return { result: done('ok', acc, undefined, 1, { meta: out.meta as MetaCommand }), state: acc.state };
    case 'request': {
      // Steps before it run first (as for a meta command); the request ends this part of the line.
      if (acc.steps.length > 0) return { result: done('ok', acc, undefined, 1, { rest: [words.join(' '), restText()].filter(Boolean).join(' then ') }), state: acc.state };
      const rest = restText();
      return { result: done('ok', acc, undefined, 1, { request: out.request, ...(rest ? { rest } : {}) }), state: { ...acc.state, again: cmdText, oops: undefined } };
    }
    case 'ask': {
      const pending: PendingQuestion = { kind: out.status === 'ambiguous' ? 'which' : 'what', template: out.template, candidates: out.candidates, rest: restText() };
      return { result: done(out.status, acc, out.text, 0.5), state: { ...acc.state, pending } };
    }
    case 'fail': {
      const oops = out.badWord ? { text: cmdText, word: out.badWord } : acc.state.oops;
      return { result: done(out.status, acc, out.text, 0, { failed: cmdText }), state: { ...acc.state, oops } };
    }
    case 'again': {
      if (!acc.state.again) { acc.carry.push('You can hardly repeat that.'); return undefined; }
      const again = acc.state.again;
      if (RAW_VERBS[again.split(' ')[0]!]) return merge(acc, runLine(again, tokenize(again), scope, acc.state));
      return apply(acc, parseCommand(again.split(' '), scope, acc.state), again.split(' '), scope, restText);
    }
    case 'oops': {
      const o = acc.state.oops;
      if (!o || out.words.length === 0) return { result: done('ok', acc, "Sorry, that can't be corrected.", 1), state: acc.state };
      const ws = o.text.split(' ');
      const at = ws.indexOf(o.word);
      ws.splice(at < 0 ? ws.length - 1 : at, 1, ...out.words);
      const fixed = ws.join(' ');
      return merge(acc, runLine(fixed, tokenize(fixed), scope, { ...acc.state, oops: undefined }));
    }
  }
}

/** A line run on behalf of this one (OOPS, AGAIN of speech) ends it, after the steps so far. */
function merge(acc: Acc, sub: { result: ParseResult; state: ParserState }): { result: ParseResult; state: ParserState } {
  const merged: Acc = { ...acc, steps: [...acc.steps, ...sub.result.steps] };
  return { result: done(sub.result.status, merged, sub.result.text, sub.result.confidence, pickExtra(sub.result)), state: sub.state };
}

function pickExtra(r: ParseResult): Partial<ParseResult> {
  return { ...(r.rest ? { rest: r.rest } : {}), ...(r.meta ? { meta: r.meta } : {}), ...(r.request ? { request: r.request } : {}), ...(r.failed ? { failed: r.failed } : {}) };
}

function countsOf(steps: readonly ParseStep[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { action: a } of steps) if ('qty' in a && a.qty !== undefined && 'target' in a) out[a.target] = a.qty;
  return out;
}

function bind(state: ParserState, mentioned: readonly { id: string; kind: string }[]): ParserState {
  if (mentioned.length === 0) return state;
  const people = mentioned.filter((e) => e.kind === 'npc' || e.kind === 'player');
  const things = mentioned.filter((e) => e.kind !== 'npc' && e.kind !== 'player');
  return {
    ...state,
    ...(people.length ? { him: people[people.length - 1]!.id } : {}),
    ...(things.length ? { it: things[0]!.id, them: things.map((e) => e.id) } : {}),
  };
}

/** One command's words (filler stripped) -> an outcome. */
export function parseCommand(words: readonly string[], scope: Scope, state: ParserState): Outcome {
  if (words.length === 0) return { kind: 'reply', text: 'I beg your pardon?' };
  const dir = directionOf(words);
  if (dir) return { kind: 'steps', steps: [{ action: { kind: 'move', dir } }], mentioned: [], moves: true };
  const dir0 = directionOf(words.slice(0, 1));
  if (dir0 && words.length > 1 && !linesFor(words[0]!)) {
    return { kind: 'fail', status: 'unknown-noun', text: `I only understood you as far as wanting to go ${dir0}.`, badWord: words[1] };
  }
  let verb = words[0]!;
  let lines = linesFor(verb);
  let guess = false;
  if (!lines) {
    // A bare name ("rope", "the old man"): ask what to do with it; the answer is the verb.
    const named = resolveNouns(words, scope, { verb: 'do', prefer: (e) => e.where !== 'known', multi: false }, state);
    if (named.ok && named.hits.length === 1 && !named.notes.length) {
      const e = named.hits[0]!.entity;
      return { kind: 'ask', status: 'incomplete', text: `What do you want to do with ${theName(e.name)}?`, template: `{} #${e.id}`, candidates: [] };
    }
    // A slip in the verb ("tkae", "lok", "norht", "examin"): read as the verb it is closest to.
    const fix = closestWord(verb, VERB_CANDIDATES, EVERYDAY_VERBS);
    if (fix && isDirectionWord(fix)) {
      const out = parseCommand([fix, ...words.slice(1)], scope, state);
      return out.kind === 'steps' ? { ...out, confidence: VERB_GUESS_CONFIDENCE } : out;
    }
    if (fix) { verb = fix; lines = linesFor(fix); guess = true; }
  }
  if (!lines) return { kind: 'fail', status: 'unknown-verb', text: `I don't know the verb "${words[0]}". ${HELP_HINT}` };
  const ws = [verb, ...words.slice(1)];
  for (const line of lines) {
    const m = matchLine(line, ws, 1);
    if (!m) continue;
    const cmd: Cmd = { scope, b: state, verb: SPELLED_OUT[verb] ?? verb, words: ws, m };
    const out = runAct(cmd);
    // A verb read through a spelling slip is a guess worth a second opinion (swing is not sing).
    return guess && (out.kind === 'steps' || out.kind === 'reply') ? { ...out, confidence: VERB_GUESS_CONFIDENCE } : out;
  }
  return { kind: 'fail', status: 'unknown-noun', text: `I only understood you as far as wanting to ${verb}.`, badWord: words[words.length - 1] };
}
