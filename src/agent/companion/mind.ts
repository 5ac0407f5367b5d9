/**
 * A companion's rule-based mind: deterministic given what it sees. It hears the news of its
 * friend's deeds and words and answers with what to do next: keep with the friend (it FOLLOWs
 * them, as a player does, so its own client walks after them: src/session/company.ts and the
 * session's follow), strike what the friend strikes (or what strikes the friend), eat or drink
 * when badly hurt, help the friend make something ("Pip, help me make a flint spear": it gathers
 * what the friend is short of where it stands, crafts the intermediate things, and hands them
 * over, ./helping.ts), and obey what the friend says to it by name ("Pip, wait here", "Pip,
 * follow me", "Pip, gather driftwood", "Pip, give me the rope", "Pip, what do you carry?", and
 * "Pip, pull the lever": the other pair of hands a cooperative quest wants, so a player alone can
 * do it with a companion). It never writes state: every deed is an action or a line the agent API
 * plays by the same rules as anyone's.
 *
 *   const mind = new CompanionMind({ name: 'Pip', friend: 'Ana', content });
 *   mind.hear(news.events, here, me, nameOf);   // queues what the news asks for
 *   const deed = mind.next(observation, has);   // { action } | { line } | null; `has`: what the friend carries
 */
import type { Content, Recipe } from '../../content/schema.ts';
import type { Direction } from '../../content/schema.ts';
import type { Action } from '../../engine/index.ts';
import type { NewsEvent } from '../../session/news.ts';
import type { Observation } from '../../session/observation.ts';
import { editDistance, slipsAllowed } from '../../parser/words.ts';
import { helpStep, recipeNamed, type FriendHas } from './helping.ts';

/** One deed: a structured action, a line for the rule parser (in the companion's own scope), or words to say. */
/** `then`: told whether the rules took it (and the reply's prose); what it returns is said aloud. */
export type Deed =
  | { readonly action: Action; readonly why: string; readonly then?: (ok: boolean, text: string) => string | null }
  | { readonly line: string; readonly why: string; readonly then?: (ok: boolean, text: string) => string | null };

/** Deeds toward one thing for the friend before it gives up (the rules refusing none of them). */
const MAX_HELP_DEEDS = 24;

export interface MindOptions {
  readonly name: string;
  /** The friend's name, as the roster has it. */
  readonly friend: string;
  readonly content: Content;
  /** Eat or drink when HP falls below this share of the most (percent). */
  readonly healBelow?: number;
}

export class CompanionMind {
  mode: 'follow' | 'stay' = 'follow';
  readonly #queue: Deed[] = [];
  /** What the friend asked help to make, and how many deeds it has taken so far. */
  #helping: { recipe: Recipe; deeds: number; gave: boolean } | null = null;
  /**
   * The room of a fight it fled too hurt to win: it does not go back after the friend, into that
   * fight, until the friend walks on, wins it or falls (or is no longer there), or comes to it.
   */
  #fledFrom: string | null = null;
  /** Where the friend last walked out of the companion's room (breaking off a fight to go after them). */
  #friendWent: { readonly from: string; readonly dir: Direction } | null = null;
  readonly #addressed: RegExp;

  constructor(private readonly options: MindOptions) {
    this.#addressed = new RegExp(`^\\s*${escape(options.name)}\\s*[,:!]\\s*(.+)$`, 'i');
  }

  /**
   * Takes in what the world brought: the friend's moves, blows and words. `nameOf` names a player
   * also when they have just left this part of the world (a move over a zone border).
   */
  hear(events: readonly NewsEvent[], here: string | undefined, me: string, nameOf: (player: string) => string | undefined): void {
    for (const e of events) {
      // An enemy's blow at the friend is told as the friend's event; anyone else's deeds are theirs.
      if (nameOf(e.player) !== this.options.friend) continue;
      if (e.type === 'moved' || e.type === 'enemy-defeated' || e.type === 'player-defeated') this.#fledFrom = null;
      if (e.type === 'said' && 'text' in e && (e.to === undefined || e.to === me)) this.#heard(e.to === me ? `${this.options.name}, ${e.text}` : e.text);
      else if (e.type === 'moved' && here !== undefined && e.location === here) this.#friendWent = { from: here, dir: e.dir };
      else if ((e.type === 'attacked' || e.type === 'enemy-attacked') && e.location === here && !this.#striking(e.enemy)) {
        this.#queue.push({ action: { kind: 'attack', target: e.enemy }, why: `fighting beside ${this.options.friend}` });
      }
    }
  }

  /** A blow at this enemy is already meant (a blow and the answer to it come as two events). */
  #striking(enemy: string): boolean {
    return this.#queue.some((d) => 'action' in d && d.action.kind === 'attack' && d.action.target === enemy);
  }

  /**
   * The next deed, or null when there is nothing to do. Healing comes first, then keeping with
   * the friend (FOLLOW, or UNFOLLOW when asked to wait), then what was asked, then helping the
   * friend make something. `friendHas` counts what the friend carries (this replica's state);
   * `wayToFriend` is the first step toward the friend when they are elsewhere and nobody walks
   * after them (its session's FOLLOW is not under way); `friendIn` the room this replica holds
   * them in (null: not in this zone; absent: not known, only what it heard counts).
   */
  next(observation: Observation, friendHas?: FriendHas, wayToFriend: Direction | null = null, friendIn?: string | null): Deed | null {
    const heal = this.#heal(observation);
    if (heal) return heal;
    const keep = this.#keepWith(observation, wayToFriend, friendIn);
    if (keep) return keep;
    while (this.#queue.length > 0) {
      const deed = this.#queue.shift()!;
      const { action } = 'action' in deed ? deed : { action: null };
      if (action?.kind === 'attack' && !observation.here.enemies.some((x) => x.id === action.target)) continue;
      if (action?.kind === 'move' && this.mode === 'stay') continue;
      return deed;
    }
    return friendHas ? this.#help(observation, friendHas) : null;
  }

  /**
   * Following is the rules' FOLLOW, as for players: once it follows its friend (who must be here
   * to be followed), its own client walks after them wherever they go (the session's follow,
   * at the companion's pace). Asked to wait, it stops following.
   */
  #keepWith(o: Observation, wayToFriend: Direction | null, friendIn: string | null | undefined): Deed | null {
    const friend = o.player?.companionOf?.player;
    if (friend === undefined || o.party === undefined) return null;
    const following = o.party.following?.id ?? null;
    if (this.mode === 'stay') return following === null ? null : { action: { kind: 'unfollow' }, why: `waiting for ${this.options.friend}` };
    const went = this.#friendWent;
    this.#friendWent = null;
    // A follower in a fight stays in it (the session's follow); a companion breaks off to keep with its friend.
    const friendHere = o.here.players.some((p) => p.id === friend);
    if (went && o.player?.fighting != null && o.location?.id === went.from && !friendHere) {
      return { action: { kind: 'move', dir: went.dir }, why: `breaking off the fight to follow ${this.options.friend}` };
    }
    // The friend is elsewhere and its session is not walking after them (`wayToFriend` is null
    // while it does): its FOLLOW lost a race with the friend's move, or its join found them a room
    // away or over a border. It goes after them, the way `wayToFriend` says, and falls in behind
    // them once beside them if it is not following them; not straight back into a fight it fled.
    // Not heard: she fell in that fight, or walked on, out of its sight (knocked down, she wakes
    // at the respawn point, another zone).
    if (friendHere || (friendIn !== undefined && friendIn !== this.#fledFrom)) this.#fledFrom = null;
    if (!friendHere && wayToFriend && this.#fledFrom === null) {
      return { action: { kind: 'move', dir: wayToFriend }, why: `going after ${this.options.friend}` };
    }
    if (following === friend || !friendHere) return null;
    return { action: { kind: 'follow', target: friend }, why: `falling in behind ${this.options.friend}` };
  }

  /** The next deed toward what the friend asked help to make (./helping.ts), with the friend here to take it. */
  #help(o: Observation, friendHas: FriendHas): Deed | null {
    const goal = this.#helping;
    const friend = o.player?.companionOf?.player;
    if (!goal || friend === undefined || !o.here.players.some((p) => p.id === friend)) return null;
    const name = this.options.content.items.get(goal.recipe.output.item)?.name ?? goal.recipe.id;
    const who = this.options.friend;
    const step = helpStep(this.options.content, goal.recipe, o, friend, friendHas);
    const say = (text: string): Deed => {
      this.#helping = null;
      return { action: { kind: 'say', text }, why: `helping ${who} make the ${name}` };
    };
    if ('done' in step) return say(goal.gave ? `There you are, ${who}: that's all you need for the ${name}.` : `You have all you need for the ${name} already, ${who}.`);
    if ('stuck' in step) {
      const plural = (id: string) => { const item = this.options.content.items.get(id); return item ? item.plural ?? `${item.name}s` : id; };
      const lacking = step.stuck.map(plural).join(' or ');
      return say(`I can't find any ${lacking} here for the ${name}, ${who}.`);
    }
    if (++goal.deeds > MAX_HELP_DEEDS) return say(`I can't manage the ${name}, ${who}.`);
    if (step.action.kind === 'give') goal.gave = true;
    return {
      action: step.action, why: `helping ${who} make the ${name}`,
      then: (ok) => {
        if (ok || this.#helping !== goal) return null;
        this.#helping = null;
        return `I can't manage the ${name} just now, ${who}.`;
      },
    };
  }

  /** Badly hurt: eat or drink something that heals; with nothing to heal and a fight on, get out of it. */
  #heal(o: Observation): Deed | null {
    const p = o.player;
    if (!p || p.hp * 100 >= p.maxHp * (this.options.healBelow ?? 40)) return null;
    const food = p.inventory.find((s) => (this.options.content.items.get(s.id)?.consumable?.hp ?? 0) > 0);
    if (food) return { action: { kind: 'use', target: food.id }, why: 'badly hurt' };
    if (p.fighting === null) return null;
    // The way it came, as FLEE goes; no more blows are struck for the friend until it is asked again.
    this.#queue.length = 0;
    const from = o.location?.id ?? '';
    return {
      line: 'flee', why: 'too hurt to fight on',
      then: (ok) => {
        if (!ok) return null;
        this.#fledFrom = from;
        return `I can't fight on, ${this.options.friend}!`;
      },
    };
  }

  #heard(words: string): void {
    const m = this.#addressed.exec(words);
    if (!m) return;
    const asked = mendFirstWord(m[1]!.trim().replace(/[.!?]+$/, ''));
    const friend = this.options.friend;
    const say = (text: string): Deed => ({ action: { kind: 'say', text }, why: `answering ${friend}` });
    const making = /^(?:help me (?:make|craft|build)|help me with|make me|craft me) (.+)$/i.exec(asked);
    if (making) {
      const recipe = recipeNamed(this.options.content, making[1]!);
      if (recipe) this.#helping = { recipe, deeds: 0, gave: false };
      else this.#queue.push(say(`I don't know how to make that, ${friend}.`));
    } else if (/^(wait|stay)( here| put)?$/i.test(asked)) {
      this.mode = 'stay';
      this.#helping = null;
      this.#queue.length = 0;
      this.#queue.push(say(`I'll wait here, ${friend}.`));
    } else if (/^(follow me|come( along| with me| here| on)?|let's go)$/i.test(asked)) {
      this.mode = 'follow';
      this.#queue.push(say(`Right behind you, ${friend}.`));
    } else if (/^what (do|are) you (carry|carrying|have|got)$/i.test(asked)) {
      this.#queue.push({ line: 'inventory', why: `answering ${friend}`, then: (_ok, text) => carrying(text) });
    } else if (/^(gather|collect|pick|chop|mine|dig) /i.test(asked)) {
      this.#queue.push({ line: asked.replace(/^(collect|pick|chop|mine|dig) /i, 'gather '), why: `asked by ${friend}`, then: (ok) => (ok ? 'Done.' : `I can't do that here, ${friend}.`) });
    } else if (/^(pull|push|turn|lift|heave|haul|raise|crank|hoist|work) /i.test(asked)) {
      this.#queue.push({ line: asked, why: `asked by ${friend}`, then: (ok) => (ok ? null : `I can't do that here, ${friend}.`) });
    } else if (/^give me /i.test(asked)) {
      this.#queue.push({ line: `give ${asked.slice('give me '.length)} to ${friend}`, why: `asked by ${friend}`, then: (ok) => (ok ? null : `I haven't got that to give, ${friend}.`) });
    } else {
      this.#queue.push(say(`Sorry, ${friend}, I don't understand.`));
    }
  }
}

/** The first words of the orders it knows ("Pip, follow me", "Pip, wait here", "Pip, gather driftwood" ...). */
const ORDER_VERBS = [
  'follow', 'come', 'wait', 'stay', 'what', 'gather', 'collect', 'pick', 'chop', 'mine', 'give', 'help', 'make', 'craft',
  'pull', 'push', 'turn', 'lift', 'heave', 'haul', 'raise', 'crank', 'hoist', 'work',
];

/**
 * A slip of the keys in the order's first word read as the parser reads one ("folow me", "wiat
 * here", "gahter driftwood"): the one order verb within `slipsAllowed` edits (tied, the one with the
 * same letters). Only the first word:
 * a thing's name may lie one slip from a verb (kelp, help).
 */
function mendFirstWord(asked: string): string {
  const [first = '', ...rest] = asked.split(/\s+/);
  const w = first.toLowerCase();
  if (ORDER_VERBS.includes(w)) return asked;
  const near = ORDER_VERBS.filter((v) => editDistance(w, v, slipsAllowed(w, v)) <= slipsAllowed(w, v));
  // Tied ("wiat": wait or what?), two letters swapped is the likelier slip.
  const letters = (x: string) => [...x].sort().join('');
  const swapped = near.filter((v) => letters(v) === letters(w));
  const verb = near.length === 1 ? near[0] : swapped.length === 1 ? swapped[0] : undefined;
  return verb === undefined ? asked : [verb, ...rest].join(' ');
}

/** "You are carrying two driftwood sticks." -> "I'm carrying two driftwood sticks." (first line only). */
function carrying(text: string): string {
  const first = text.split('\n')[0] ?? '';
  if (/^You are carrying nothing/i.test(first) || first === '') return 'Nothing at all.';
  return first.replace(/^You are carrying/, "I'm carrying").replace(/^You are/, "I'm").replace(/^You /, 'I ');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
