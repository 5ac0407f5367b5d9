/**
 * A companion's rule-based mind: deterministic given what it sees. It hears the news of its
 * friend's deeds and words and answers with what to do next: follow the friend out of the room,
 * strike what the friend strikes (or what strikes the friend), eat or drink when badly hurt, and
 * obey what the friend says to it by name ("Pip, wait here", "Pip, follow me", "Pip, gather
 * driftwood", "Pip, give me the rope", "Pip, what do you carry?", and "Pip, pull the lever":
 * the other pair of hands a cooperative quest wants, so a player alone can do it with a companion). It never writes state: every
 * deed is an action or a line the agent API plays by the same rules as anyone's.
 *
 *   const mind = new CompanionMind({ name: 'Pip', friend: 'Ana', content });
 *   mind.hear(news.events, here, me, nameOf); // queues what the news asks for
 *   const deed = mind.next(observation);      // { action } | { line } | { say } | null
 */
import type { Content } from '../../content/schema.ts';
import type { Action } from '../../engine/index.ts';
import type { NewsEvent } from '../../session/news.ts';
import type { Observation } from '../../session/observation.ts';

/** One deed: a structured action, a line for the rule parser (in the companion's own scope), or words to say. */
export type Deed =
  | { readonly action: Action; readonly why: string }
  | { readonly line: string; readonly why: string; readonly then?: (ok: boolean, text: string) => string | null };

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
      if (e.type === 'said' && 'text' in e && (e.to === undefined || e.to === me)) this.#heard(e.to === me ? `${this.options.name}, ${e.text}` : e.text);
      else if (e.type === 'moved' && this.mode === 'follow' && e.location === here) this.#queue.push({ action: { kind: 'move', dir: e.dir }, why: `following ${this.options.friend}` });
      else if ((e.type === 'attacked' || e.type === 'enemy-attacked') && e.location === here && !this.#striking(e.enemy)) {
        this.#queue.push({ action: { kind: 'attack', target: e.enemy }, why: `fighting beside ${this.options.friend}` });
      }
    }
  }

  /** A blow at this enemy is already meant (a blow and the answer to it come as two events). */
  #striking(enemy: string): boolean {
    return this.#queue.some((d) => 'action' in d && d.action.kind === 'attack' && d.action.target === enemy);
  }

  /** The next deed, or null when there is nothing to do. Healing comes first. */
  next(observation: Observation): Deed | null {
    const heal = this.#heal(observation);
    if (heal) return heal;
    while (this.#queue.length > 0) {
      const deed = this.#queue.shift()!;
      const { action } = 'action' in deed ? deed : { action: null };
      if (action?.kind === 'attack' && !observation.here.enemies.some((x) => x.id === action.target)) continue;
      if (action?.kind === 'move' && this.mode === 'stay') continue;
      return deed;
    }
    return null;
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
    return { line: 'flee', why: 'too hurt to fight on', then: (ok) => (ok ? `I can't fight on, ${this.options.friend}!` : null) };
  }

  #heard(words: string): void {
    const m = this.#addressed.exec(words);
    if (!m) return;
    const asked = m[1]!.trim().replace(/[.!?]+$/, '');
    const friend = this.options.friend;
    const say = (text: string): Deed => ({ action: { kind: 'say', text }, why: `answering ${friend}` });
    if (/^(wait|stay)( here| put)?$/i.test(asked)) {
      this.mode = 'stay';
      this.#queue.length = 0;
      this.#queue.push(say(`I'll wait here, ${friend}.`));
    } else if (/^(follow me|come( along| with me)?|let's go)$/i.test(asked)) {
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
      this.#queue.push(say(`Sorry, ${friend}, I don't follow.`));
    }
  }
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
