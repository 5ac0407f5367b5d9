/**
 * The verb table: every verb word the rule parser knows, with its grammar lines (tried in order,
 * first structural match wins) and the act that builds intents or a reply from the captures.
 *
 * Pattern parts: `*` a noun phrase (may be empty only when last: the parser then asks for it),
 * `DIR` a direction, `a|b` one literal word. An empty pattern matches a bare verb.
 *
 *   linesFor('grab') // the lines of take
 */
import type { Direction } from '../content/schema.ts';
import { directionOf } from './words.ts';

type Part = { readonly t: 'np' } | { readonly t: 'dir' } | { readonly t: 'lit'; readonly words: ReadonlySet<string> };
export interface GrammarLine {
  readonly parts: readonly Part[];
  /** Act name, optionally with a parameter after a colon: `reply:xyzzy`, `move:up`. */
  readonly act: string;
}

type Table = readonly (readonly [verbs: string, lines: readonly (readonly [pattern: string, act: string])[]])[];

/** "take a look", "have a look around", "take a look at the boat". */
/** Where a rest is taken beside a thing (SIT BY THE FIRE, SLEEP IN THE BED): that thing must be here. */
const BESIDE = 'by|beside|near|at|on|in|before|under|against|upon|onto|inside';

const LOOK_IDIOMS = [
  ['look|peek|glance', 'look'], ['look|peek|glance around|about|round', 'look'], ['look|peek|glance around|about|round *', 'look'],
  ['look|peek|glance at|in|inside|into|under|behind *', 'examine'],
] as const;

const TAKE_LINES = [
  ...LOOK_IDIOMS,
  ['inventory|inv', 'inventory'], ['off *', 'unequip'], ['* off', 'unequip'], ['up', 'reply:stand'],
  ['out|outside', 'move:out'], ['in|into|inside|on|onto *', 'enter'], ['* from|off|out|outta *', 'take'],
  ['up *', 'take'], ['* up', 'take'], ['*', 'take'],
] as const;

const TABLE: Table = [
  ['look l', [['', 'look'], ['around|about|here|round', 'look'], ['around|about|round *', 'look'],
    ['at|to me|myself|self', 'status'], ['at|to|up|into sky|heavens|clouds|weather', 'weather'], ['skyward|skywards', 'weather'], ['at|to *', 'examine'],
    ['in|inside|into|under|behind|on|through|beneath|underneath|within|over *', 'search'],
    ['for *', 'search'], ['DIR', 'look'], ['*', 'examine']]],
  ['examine x inspect describe study observe scrutinize scrutinise view watch scan regard see ex exam',
    [['me|myself|self|yourself', 'status'], ['inventory|inv|pack|bag|backpack', 'inventory'],
      ['room|around|surroundings|area|here', 'look'], ['*', 'examine']]],
  ['check', [['out *', 'examine'], ['* out', 'examine'], ['inventory|inv|pack|bag|backpack|items', 'inventory'], ['status|stats|health|me|myself', 'status'],
    ['room|around|surroundings|area', 'look'], ['*', 'examine']]],
  ['read peruse', [['*', 'examine']]],
  ['consult', [['* about|on|for *', 'examine'], ['*', 'examine']]],
  ['search frisk rummage', [['', 'look'], ['for *', 'search'], ['in|inside|through|under *', 'search'], ['*', 'search']]],
  ['inventory i inv invent items possessions', [['', 'inventory']]],
  ['status stats score health hp diagnose diagnosis level xp exp', [['', 'status']]],
  ['full fullscore', [['score|status', 'status'], ['', 'status']]],
  ['take get grab carry fetch acquire obtain snatch steal', TAKE_LINES],
  ['pick', [['up *', 'pick'], ['* up', 'pick'], ['lock|locks', 'reply:picklock'], ['*', 'pick']]],
  ['collect gather harvest forage mine chop fish quarry reap', [['*', 'gather'], ['', 'gather']]],
  ['drop discard dump ditch abandon', [['off *', 'drop'], ['*', 'drop']]],
  ['put place set lay stick stuff', [['on *', 'equip'], ['down *', 'drop'], ['* down', 'drop'],
    ['* on', 'equip'], ['* on|in|into|inside|onto|under|beneath|upon *', 'putin'], ['away *', 'drop'],
    ['*', 'drop']]],
  ['insert', [['* in|into|inside *', 'putin'], ['*', 'putin']]],
  ['throw toss hurl chuck fling', [['* at|to|toward|towards|into|in|on *', 'throwat'], ['away *', 'drop'],
    ['* away|down', 'drop'], ['*', 'drop']]],
  ['offer', [['* to * for *', 'offer:to'], ['* for *', 'offer'], ['* to *', 'give'], ['*', 'give']]],
  ['give hand pass donate feed', [['* to *', 'give'], ['*', 'give']]],
  ['show present display', [['* to *', 'show'], ['*', 'show']]],
  ['equip wield wear don ready hold arm', [['*', 'equip']]],
  ['remove unequip unwield doff shed', [['*', 'unequip']]],
  ['use utilize utilise employ apply', [['* on|with|at|in|against|to *', 'use'], ['*', 'use']]],
  ['eat consume devour swallow chew munch', [['*', 'eat']]],
  ['drink quaff sip gulp imbibe', [['from *', 'drink'], ['*', 'drink']]],
  ['smelt', [['', 'crafts:smelt'], ['*', 'crafts:smelt']]],
  ['craft make build forge brew cook create assemble smith fashion construct smelt bake',
    [['me|us *', 'crafts'], ['* at|on|using|by|beside|in *', 'craftat'], ['*', 'craft']]],
  ['attack kill fight assail murder slay stab slash smite strike hit punch shoot bash beat whack thump stomp',
    [['again', 'attack'], ['* again', 'attack'], ['* with|using bare hands|fists|fist|hand', 'attack'], ['* with|using hands|fists|fist', 'attack'],
      ['* barehanded|unarmed|bare-handed', 'attack'], ['* with|using *', 'attack'], ['*', 'attack'], ['', 'attack']]],
  ['kick', [['*', 'hit:kick'], ['', 'hit:kick']]],
  ['break smash destroy shatter wreck crush', [['* with *', 'hit:break'], ['*', 'hit:break']]],
  ['bite', [['*', 'hit:bite']]],
  ['cast invoke', [['* at|on|against *', 'cast'], ['*', 'cast']]],
  ['cut slice chop saw hack clear', [['through|down * with|using *', 'cut'], ['* with|using *', 'cut'], ['through|down *', 'cut'], ['*', 'cut']]],
  ['dig excavate', [['in|into|up|at|with *', 'dig'], ['*', 'dig'], ['', 'dig']]],
  ['talk speak chat converse greet', [['to|with * about|regarding *', 'talk'], ['to|with *', 'talk'],
    ['about *', 'talkabout'], ['* about *', 'talk'], ['*', 'talk'], ['', 'talk']]],
  ['ask question query interrogate', [['* about|for|regarding|on *', 'talk'], ['about|for *', 'talkabout'], ['*', 'talk']]],
  ['tell inform', [['* about|of|that *', 'talk'], ['*', 'talk']]],
  ['hello hi hey greetings', [['', 'hello'], ['*', 'talk']]],
  ['flee retreat escape', [['', 'flee'], ['DIR', 'move'], ['from *', 'flee'], ['back|away', 'flee'], ['*', 'flee']]],
  ['go walk run head travel proceed step hike wander march stroll crawl sprint jog',
    [['DIR', 'move'], ['back|backward|backwards', 'back'], ['back to *', 'travel'], ['to sleep|bed', 'rest'],
      ['to|towards|toward|into|through|inside *', 'travel'], ['up|down *', 'climb'], ['away|off', 'flee'], ['', 'move'],
      ['*', 'travel']]],
  ['back return', [['', 'back'], ['DIR', 'move'], ['to *', 'travel'], ['* to *', 'give'], ['*', 'travel']]],
  ['move shift', [['DIR', 'move'], ['*', 'reply:push'], ['', 'move']]],
  ['enter board embark', [['', 'move:in'], ['*', 'enter']]],
  ['leave', [['party|group|company', 'party:leave'], ['the|my party|group|company', 'party:leave'], ['', 'move:out'], ['*', 'move:out']]],
  ['exit leave disembark', [['', 'move:out'], ['*', 'move:out']]],
  ['climb scale ascend clamber', [['down *', 'move:down'], ['down', 'move:down'], ['up|on|onto|over *', 'climb'],
    ['up', 'move:up'], ['out', 'move:out'], ['in|into *', 'enter'], ['*', 'climb'], ['', 'climb']]],
  ['descend', [['', 'move:down'], ['*', 'move:down']]],
  ['open', [['* with|using *', 'open'], ['*', 'open']]],
  ['unlock', [['* with|using *', 'open'], ['*', 'open'], ['', 'open']]],
  ['close shut', [['*', 'close']]],
  ['lock', [['*', 'reply:lock'], ['', 'reply:lock']]],
  ['turn twist rotate spin', [['on *', 'light'], ['* on', 'light'], ['off *', 'reply:turnoff'], ['* off', 'reply:turnoff'],
    ['around|round', 'reply:turnaround'], ['DIR', 'move'], ['*', 'reply:turn']]],
  ['switch flick', [['on *', 'light'], ['* on', 'light'], ['off *', 'reply:turnoff'], ['* off', 'reply:turnoff'],
    ['*', 'light']]],
  ['light ignite kindle', [['* with *', 'light'], ['*', 'light']]],
  ['extinguish douse', [['*', 'reply:turnoff']]],
  ['blow', [['out *', 'reply:turnoff'], ['* out', 'reply:turnoff'], ['*', 'reply:blow'], ['', 'reply:blow']]],
  ['push press shove nudge poke prod', [['*', 'reply:push']]],
  ['pull tug yank drag haul', [['on|at *', 'reply:pull'], ['*', 'reply:pull']]],
  ['lift raise heave hoist', [['up *', 'reply:lift'], ['* up', 'reply:lift'], ['*', 'reply:lift']]],
  ['crank wind', [['*', 'reply:turn']]],
  ['touch feel pat stroke rub', [['*', 'reply:touch'], ['', 'reply:feel']]],
  ['squeeze pinch', [['*', 'reply:squeeze']]],
  ['shake wiggle rattle', [['hands with *', 'emote:shakes hands with'], ['*', 'reply:shake']]],
  ['flip', [['*', 'reply:push']]],
  ['swing brandish', [['* at *', 'attackrev'], ['*', 'reply:swing'], ['', 'reply:swing']]],
  ['reach', [['in|into|inside|under|behind *', 'search'], ['for *', 'take'], ['*', 'reply:touch'], ['', 'reply:feel']]],
  ['pry prise prize lever force', [['open *', 'open'], ['* open', 'open'], ['* with *', 'reply:pry'], ['*', 'reply:pry']]],
  ['listen hear', [['to *', 'reply:listen'], ['*', 'reply:listen'], ['', 'reply:listen']]],
  ['smell sniff', [['*', 'reply:smell'], ['', 'reply:smell']]],
  ['taste lick', [['*', 'reply:taste']]],
  ['sleep nap doze rest relax snooze', [['', 'rest'], [`${BESIDE} *`, 'restby'], ['*', 'rest']]],
  ['sit lie kneel crouch squat', [['', 'rest'], ['down', 'rest'], [`${BESIDE} *`, 'restby'], [`down ${BESIDE} *`, 'restby'], ['*', 'rest']]],
  ['stand rise', [['', 'reply:stand'], ['up', 'reply:stand'], ['*', 'reply:stand']]],
  ['wake awake awaken', [['', 'reply:wake'], ['up', 'reply:wake'], ['*', 'reply:wakeother']]],
  ['wait z stay pause loiter linger idle', [['', 'wait'], ['*', 'wait']]],
  ['jump leap hop skip vault', [['', 'reply:jump'], ['*', 'reply:jump']]],
  ['swim dive wade paddle', [['', 'reply:swim'], ['*', 'reply:swim']]],
  ['fly soar', [['', 'reply:fly'], ['*', 'reply:fly']]],
  ['sing hum whistle chant', [['', 'reply:sing'], ['*', 'reply:sing']]],
  ['pray worship meditate', [['', 'reply:pray'], ['*', 'reply:pray']]],
  ['consider assess', [['', 'reply:think'], ['*', 'consider']]],
  ['think ponder consider contemplate reflect', [['', 'reply:think'], ['*', 'reply:think']]],
  ['remember recall recollect', [['', 'reply:remember'], ['*', 'reply:remember']]],
  ['hide', [['', 'reply:hide'], ['*', 'reply:hide']]],
  ['follow chase pursue', [['', 'reply:follow'], ['*', 'follow']]],
  ['unfollow', [['', 'unfollow'], ['*', 'unfollow']]],
  ['stop cease', [['following|follow', 'unfollow'], ['following|follow *', 'unfollow']]],
  ['party group company', [['', 'party'], ['invite|add *', 'party:invite'], ['join|accept', 'party:join'], ['join|accept *', 'party:join'],
    ['leave|quit|disband', 'party:leave'], ['who|members|list|status', 'party'], ['*', 'party']]],
  ['invite', [['*', 'party:invite']]],
  ['ride mount', [['*', 'reply:ride'], ['', 'reply:ride']]],
  ['play', [['', 'reply:play'], ['*', 'reply:play']]],
  ['kiss hug embrace cuddle', [['*', 'reply:kiss']]],
  ['pet', [['*', 'reply:pet']]],
  ['knock rap bang', [['on *', 'reply:knock'], ['*', 'reply:knock'], ['', 'reply:knock']]],
  ['clean wash wipe polish scrub dust', [['*', 'reply:clean'], ['', 'reply:clean']]],
  ['fill refill', [['*', 'reply:fill']]],
  ['pour spill', [['*', 'reply:pour']]],
  ['empty', [['*', 'reply:empty']]],
  ['join', [['party|group|company', 'party:join'], ['*', 'party:join']]],
  ['tie attach fasten connect link plug join hook', [['* to|with|on|onto|around|into *', 'reply:tie'], ['*', 'reply:tie']]],
  ['untie detach unplug unhook disconnect unfasten unscrew screw', [['*', 'reply:untie']]],
  ['burn', [['*', 'reply:burn']]],
  ['count', [['*', 'count'], ['', 'count']]],
  ['learn study', [['', 'reply:learn'], ['*', 'reply:learn']]],
  ['topics', [['', 'reply:topics']]],
  ['ring', [['*', 'reply:ring']]],
  ['write scribble draw', [['', 'reply:write'], ['*', 'reply:write']]],
  ['type', [['', 'reply:type'], ['*', 'reply:type']]],
  ['record', [['', 'reply:record'], ['*', 'reply:record']]],
  ['spell', [['', 'reply:spell'], ['*', 'reply:spell']]],
  ['assign', [['', 'reply:assign'], ['*', 'reply:assign']]],
  ['discipline', [['', 'reply:discipline'], ['*', 'reply:discipline']]],
  ['spray sprinkle', [['*', 'reply:pour']]],
  ['heal', [['', 'heal'], ['*', 'heal']]],
  ['mend', [['', 'heal'], ['me|myself|self|up|wounds', 'heal'], ['*', 'reply:fix']]],
  ['fix repair mend', [['*', 'reply:fix']]],
  ['order rent hire book', [['', 'order'], ['*', 'order']]],
  ['buy purchase', [['', 'wares'], ['* from *', 'buy'], ['*', 'buy']]],
  ['sell', [['', 'wares'], ['* to *', 'sell'], ['*', 'sell']]],
  ['trade barter haggle', [['', 'wares'], ['with *', 'tradewith'], ['* for *', 'offer'], ['*', 'reply:buy']]],
  ['wares shop browse', [['', 'wares'], ['*', 'wares']]],
  ['accept', [['', 'accept'], ['*', 'accept']]],
  ['decline reject', [['', 'decline'], ['*', 'decline']]],
  ['withdraw', [['', 'decline'], ['*', 'decline']]],
  ['call summon', [['', 'reply:call'], ['me *', 'reply:callme'], ['*', 'reply:call']]],
  ['point gesture', [['at|to|towards *', 'emote:points at'], ['*', 'emote:points at'], ['', 'emote:points']]],
  ['wave', [['at|to *', 'emote:waves at'], ['*', 'emote:waves'], ['', 'emote:waves']]],
  ['dance', [['with *', 'emote:dances with'], ['', 'emote:dances'], ['*', 'emote:dances']]],
  ['laugh', [['at *', 'emote:laughs at'], ['', 'emote:laughs']]],
  ['smile grin', [['at *', 'emote:smiles at'], ['', 'emote:smiles']]],
  ['nod', [['at|to *', 'emote:nods to'], ['', 'emote:nods']]],
  ['bow', [['to|before *', 'emote:bows to'], ['', 'emote:bows']]],
  ['shrug', [['', 'emote:shrugs']]],
  ['sigh', [['', 'emote:sighs']]],
  ['clap applaud', [['', 'emote:claps']]],
  ['cheer', [['', 'emote:cheers']]],
  ['cry weep sob', [['', 'emote:weeps']]],
  ['yawn', [['', 'emote:yawns']]],
  ['frown', [['', 'emote:frowns']]],
  ['wink', [['at *', 'emote:winks at'], ['', 'emote:winks']]],
  ['salute', [['*', 'emote:salutes'], ['', 'emote:salutes']]],
  ['scream shriek howl', [['', 'emote:screams'], ['*', 'emote:screams']]],
  ['curse swear damn fuck shit', [['', 'reply:curse'], ['*', 'reply:curse']]],
  ['xyzzy plugh plover frotz gnusto rezrov blorb frobozz', [['', 'reply:magic'], ['*', 'reply:magic']]],
  ['yes y yeah yep sure', [['', 'reply:yes']]],
  ['no nope nah', [['', 'reply:no']]],
  ['sorry', [['', 'reply:sorry']]],
  ['thank thanks ty', [['', 'emote:nods gratefully'], ['you|ye|u', 'emote:nods gratefully'], ['*', 'emote:thanks']]],
  ['aft fore port starboard left right forward forwards', [['', 'reply:relative']]],
  ['exits directions ways', [['', 'exits']]],
  ['list', [['', 'inventory'], ['exits|directions', 'exits'], ['inventory|items|possessions', 'inventory'], ['recipes|crafts', 'recipes'],
    ['wares|goods|stock|prices|shop', 'wares'], ['*', 'reply:topics']]],
  ['have', [...LOOK_IDIOMS, ['rest|nap|sleep|break|sit|lie', 'rest'], ['*', 'reply:nothing']]],
  ['where', [['am i', 'look'], ['is|are|was|lives *', 'whereis'], ['can|do|would i find *', 'whereis'], ['*', 'exits']]],
  ['time clock', [['', 'time'], ['*', 'time']]],
  ['weather forecast sky tide tides', [['', 'weather'], ['*', 'weather']]],
  ['map', [['', 'map'], ['*', 'map']]],
  ['journal quests quest j', [['', 'journal'], ['*', 'journal']]],
  ['recipes crafts', [['', 'recipes'], ['*', 'recipes']]],
  ['how', [['is|s the weather|tide|sky|sea', 'weather'], ['do|can|could|should i make|craft|build|forge|brew|cook|create *', 'examine:recipe'], ['to make|craft|build|forge|brew|cook|create *', 'examine:recipe'],
    ['do i make|craft|build things|stuff|anything', 'recipes'], ['do|can|could|should|would|shall|will i|we *', 'hint'],
    ['to *', 'hint'], ['*', 'meta:help'], ['', 'meta:help']]],
  ['what', [['do|does you|they|he|she sell|stock|have for sale', 'wares'], ['is|are for sale', 'wares'], ['is|are on sale', 'wares'],
    ['can|could i buy', 'wares'], ['can|could i buy here', 'wares'], ['can|could i sell', 'wares'], ['can|could i sell here', 'wares'],
    ['do|does * sell|stock', 'wares'], ['will you|they|he|she buy', 'wares'],
    ['can|could i smelt', 'crafts:smeltable'], ['can|could i smelt here|now', 'crafts:smeltable'], ['can|could i make|craft|build|forge|brew|cook|create|smelt', 'crafts'], ['can|could i make|craft|build|forge|brew|cook|create|smelt here|now', 'crafts:here'],
    ['can|could i make|craft|build|forge|brew|cook|create|smelt with|from *', 'crafts'],
    ['time is it', 'time'], ['is the time|hour', 'time'], ['time', 'time'], ['is the weather|forecast|tide|sky', 'weather'], ['weather|tide', 'weather'], ['do|would i need to|for make|craft|build|forge|brew|cook|create *', 'examine:recipe'],
    ['do|would i need for *', 'examine:recipe'], ['does * need|take|require', 'examine:recipe'],
    ['am i carrying|holding|wearing', 'inventory'], ['do i have|carry|hold', 'inventory'],
    ['is in|inside bag|pack|backpack|satchel|inventory', 'inventory'], ['is in|inside|on *', 'search'],
    ['can|should|shall|could|do i do|try', 'hint'], ['can|should|shall|could|do i do|try now|next|here', 'hint'], ['now|next', 'hint'],
    ['to do|try', 'hint'], ['to do|try now|next', 'hint'], ['next|now should|do i do', 'hint'],
    ['is here', 'look'], ['is *', 'examine'], ['*', 'reply:think']]],
  ['who', [['', 'who'], ['am i', 'status'], ['is|are here|online|playing|around|about|on', 'who'], ['else is here|playing|online', 'who'],
    ['is *', 'examine'], ['*', 'reply:think']]],
  ['members', [['', 'members'], ['of|on the isle|world', 'members']]],
  ['again g repeat', [['', 'again']]],
  ['oops o', [['*', 'oops'], ['', 'oops']]],
  ['help ? commands instructions', [['', 'meta:help'], ['*', 'meta:help']]],
  ['hint hints clue clues walkthrough walkthru', [['', 'hint'], ['*', 'hint']]],
  ['about info credits amusing version', [['', 'meta:about']]],
  ['quit q bye goodbye logout', [['', 'meta:quit']]],
  ['restart', [['', 'meta:restart']]],
  ['start begin', [['over|again|afresh|anew', 'meta:restart']]],
  ['undo', [['', 'meta:undo']]],
  ['save', [['', 'meta:save'], ['*', 'meta:save']]],
  ['restore load', [['', 'meta:restore'], ['*', 'meta:restore']]],
  ['verbose superverbose', [['', 'meta:verbose'], ['mode|descriptions|on|please', 'meta:verbose']]],
  ['brief superbrief short', [['', 'meta:brief'], ['mode|descriptions|on|please', 'meta:brief']]],
];

function compile(pattern: string): Part[] {
  if (pattern === '') return [];
  return pattern.split(' ').map((p): Part =>
    p === '*' ? { t: 'np' } : p === 'DIR' ? { t: 'dir' } : { t: 'lit', words: new Set(p.split('|')) });
}

const GRAMMAR = new Map<string, GrammarLine[]>();
for (const [verbs, lines] of TABLE) {
  const compiled = lines.map(([p, act]) => ({ parts: compile(p), act }));
  for (const v of verbs.split(' ')) if (!GRAMMAR.has(v)) GRAMMAR.set(v, compiled);
}

/** Verb words (directions are handled before the table). */
export const VERB_WORDS: readonly string[] = [...GRAMMAR.keys()].sort();

export function linesFor(verb: string): readonly GrammarLine[] | undefined {
  return GRAMMAR.get(verb);
}

/**
 * The everyday commands, offered first when a player completes the first word (the web app's
 * Tab). Each starts with a word the parser knows: a verb above, a direction, or say/emote/name.
 */
export const SUGGESTED_VERBS: readonly string[] = [
  'look', 'examine', 'take', 'drop', 'give', 'gather', 'craft', 'wear', 'wield', 'remove',
  'attack', 'cast', 'drink', 'eat', 'use', 'rest', 'wait', 'talk to', 'ask', 'say', 'emote',
  'buy', 'sell', 'wares', 'offer', 'accept', 'decline', 'party', 'follow',
  'inventory', 'status', 'go', 'north', 'south', 'east', 'west', 'northeast', 'northwest',
  'southeast', 'southwest', 'up', 'down', 'in', 'out', 'flee', 'name', 'help', 'hint', 'again',
];

/** The act a verb's bare noun phrase leads to (`grab *` -> take, `walk *` -> goto); undefined for a verb that takes none. */
export function nounActOf(verb: string): string | undefined {
  const lines = GRAMMAR.get(verb) ?? [];
  return (lines.find((l) => l.parts.length === 1 && l.parts[0]!.t === 'np') ?? lines.find((l) => l.parts[0]?.t === 'np'))?.act;
}

/** A noun-phrase capture: the words and where they sit in the command's words. */
export interface Capture {
  readonly words: readonly string[];
  readonly start: number;
  readonly end: number;
}
export interface LineMatch {
  readonly act: string;
  readonly nps: readonly Capture[];
  readonly dir?: Direction;
}

const SKIPPABLE: ReadonlySet<string> = new Set(['the', 'my', 'a', 'an', 'your', 'some']);

/** Matches the words after the verb (starting at `from`) against one line. */
export function matchLine(line: GrammarLine, words: readonly string[], from: number): LineMatch | undefined {
  const nps: Capture[] = [];
  let dir: Direction | undefined;
  const go = (i: number, j: number): boolean => {
    if (i === line.parts.length) return j === words.length;
    const part = line.parts[i]!;
    if (part.t === 'lit') {
      if (j >= words.length) return false;
      if (part.words.has(words[j]!)) return go(i + 1, j + 1);
      // "check my status", "take the inventory": an article before a literal word.
      return SKIPPABLE.has(words[j]!) && j + 1 < words.length && part.words.has(words[j + 1]!) && go(i + 1, j + 2);
    }
    const last = i === line.parts.length - 1;
    for (let end = last ? words.length : j + 1; end <= words.length; end++) {
      const span = words.slice(j, end);
      if (part.t === 'dir') {
        const d = directionOf(span);
        if (!d) continue;
        if (go(i + 1, end)) { dir = d; return true; }
      } else {
        if (span.length === 0 && !last) continue;
        nps.push({ words: span, start: j, end });
        if (go(i + 1, end)) return true;
        nps.pop();
      }
    }
    return false;
  };
  return go(0, from) ? { act: line.act, nps, dir } : undefined;
}
