/**
 * The parser's public shapes: what a parse returns, the meta commands the session handles itself,
 * the state a rule parser keeps between lines, and the `IntentParser` interface every parser
 * (rule, LLM, chain) implements.
 *
 *   const r: ParseResult = parser.parse('take rope then n', scope);
 *   for (const step of r.steps) { if (step.note) show(step.note); run(step.action); }
 *   if (r.text) show(r.text);
 *   if (r.rest) r2 = parser.parse(r.rest, scopeAfterMoving);
 */
import type { Action } from '../engine/action.ts';
import type { Scope } from '../engine/scope.ts';

/**
 * ok: every command parsed (intents may be empty when the parser answered in `text` itself:
 * `xyzzy`, `exits`, `sing`, or a meta command).
 * ambiguous / incomplete: the parser asked a question (`text`); the next line may answer it.
 * unknown-verb / unknown-noun: `text` says what was not understood.
 * refused: set by the session when the rules refuse (never by a parser).
 * error: a bug or broken input at an edge (an LLM engine failing), with `text`.
 */
export type ParseStatus =
  | 'ok' | 'ambiguous' | 'unknown-verb' | 'unknown-noun' | 'incomplete' | 'refused' | 'error';

/** Commands about the game rather than in it; the session handles them. */
export const META_COMMANDS = [
  'help', 'about', 'quit', 'restart', 'undo', 'save', 'restore', 'verbose', 'brief', 'hint',
] as const;
export type MetaCommand = (typeof META_COMMANDS)[number];

/**
 * A question or errand the parser cannot answer from the scope alone, handed to the session,
 * which answers it from the state on this device (reads write nothing) or walks it as moves:
 * `go to the village`, `go back`, `flee`, `where is archon`, `time`, `map`, `who`,
 * `consider crab`, `how do I open the cave`, `what can I craft here`, `tell ana hi`.
 */
export type SessionRequest =
  /** Walk the known path to a room or zone named by `to` (words as typed). `otherwise`: the reply when no known place matches. */
  | { readonly kind: 'travel'; readonly to: string; readonly otherwise?: string }
  | { readonly kind: 'back' }
  | { readonly kind: 'flee' }
  | { readonly kind: 'where'; readonly what: string }
  | { readonly kind: 'time' }
  /** WEATHER, LOOK AT THE SKY, TIDE: the sky and the sea now. */
  | { readonly kind: 'weather' }
  | { readonly kind: 'map' }
  /** JOURNAL, QUESTS, J: the player's quests. */
  | { readonly kind: 'journal' }
  | { readonly kind: 'who' }
  /** PARTY: who is in the player's party, where, and whom they follow. */
  | { readonly kind: 'party' }
  /** `target`: the enemy (or other scope entity) id. */
  | { readonly kind: 'consider'; readonly target: string }
  /** `about`: the words after "how do I" ('' for "what should I do now"). */
  | { readonly kind: 'hint'; readonly about: string }
  /**
   * What could be crafted: `what` names an output or an input ('' for all); `here`: only what this
   * place allows; `make`: craft it when exactly one recipe fits; `smelt`: only recipes that work
   * raw material at a station (an ingot at the forge).
   */
  | { readonly kind: 'crafts'; readonly what: string; readonly here: boolean; readonly make: boolean; readonly smelt?: boolean }
  /** Private speech: `text` is what followed the verb, as typed (the name of whom, then the words). */
  | { readonly kind: 'tell'; readonly text: string; readonly whisper: boolean }
  /** BAN, UNBAN, MUTE, UNMUTE (the owner's or a moderator's), MOD, UNMOD (the owner's): `text` names the player, as typed. */
  | { readonly kind: 'moderate'; readonly what: 'ban' | 'unban' | 'mute' | 'unmute' | 'mod' | 'unmod'; readonly text: string }
  /**
   * MOVE WORLD (the owner's, issue 19): `now` false only explains and asks; `without` names, as
   * typed, members to leave behind (comma- or AND-separated). `finish`: MOVE WORLD FINISH, which
   * finishes a move that could not complete.
   */
  | { readonly kind: 'move-world'; readonly now: boolean; readonly without: string; readonly finish?: boolean }
  /** MEMBERS: everyone who joined, with their role, and who is banned or muted. */
  | { readonly kind: 'members' }
  /**
   * A line spoken to someone by name ("pip, follow me") whom nobody here answers to, the name
   * being no verb either: the session says whether they are elsewhere on the isle or nobody.
   */
  | { readonly kind: 'address'; readonly name: string };

/** One intent to run, with the note to show before it ("(first taking the rope)"). */
export interface ParseStep {
  readonly action: Action;
  readonly note?: string;
  /**
   * A step the player did not ask for, taken so the next one can happen (taking, unequipping):
   * the session takes it only when the rules would let the step it serves happen too.
   */
  readonly implicit?: boolean;
  /**
   * A step tried on a copy of the state first, written only when the rules let it happen: TALK or
   * GIVE to an islander who is elsewhere at this hour is refused as the rules refuse it
   * (`talk/away`), and the refusal writes nothing to the world.
   */
  readonly tryFirst?: boolean;
}

export interface ParseResult {
  readonly status: ParseStatus;
  /**
   * Intents to run in order, stopping at the first refusal. They are the commands that parsed
   * before any failure: with `take rope then frobnicate` the take is here and `text` explains
   * the failure, so run these first, then show `text`.
   */
  readonly intents: readonly Action[];
  /** The same intents with their notes (implicit actions, spelling guesses). */
  readonly steps: readonly ParseStep[];
  /** The parser's own reply: a question, a failure, or an in-world answer. Shown after the steps. */
  readonly text?: string;
  /** Set (with status ok and no intents) when the line was a meta command. */
  readonly meta?: MetaCommand;
  /** Set (with status ok, after any intents) when the session must answer or walk it. */
  readonly request?: SessionRequest;
  /** 0..1: 1 for a clean parse, lower for guesses (spelling, defaults), 0 for failures. */
  readonly confidence: number;
  /**
   * Commands after a move in a chain (`n then take sword`) are left unparsed, because they must
   * be resolved against the next room: run the intents, then `parse(rest, newScope)`.
   */
  readonly rest?: string;
  /** The command text that failed (unknown-verb / unknown-noun), for a second opinion. */
  readonly failed?: string;
  readonly source: 'rule' | 'llm';
  /**
   * How the line was read when a language model was involved: "(read by the language model)",
   * or why it was not and the rule parser's answer stands ("(the language model timed out)").
   */
  readonly notice?: string;
}

/** A question the parser asked, answered by the next line. */
export interface PendingQuestion {
  /** which: disambiguation among `candidates`; what: a missing noun. */
  readonly kind: 'which' | 'what';
  /** The command with `{}` where the answer goes. */
  readonly template: string;
  readonly candidates: readonly string[];
  /** Chained commands still to run after the answered one. */
  readonly rest?: string;
}

/** What a rule parser remembers between lines. Plain data, so a session can store or reset it. */
export interface ParserState {
  readonly pending?: PendingQuestion;
  /** The last command that parsed, for AGAIN. */
  readonly again?: string;
  /** The last command that failed on a word, for OOPS: its text and the word to replace. */
  readonly oops?: { readonly text: string; readonly word: string };
  /** Pronoun bindings: entity ids. */
  readonly it?: string;
  readonly them?: readonly string[];
  readonly him?: string;
  /** How many of each the last command moved, so "drop them" drops the three just taken. */
  readonly counts?: Readonly<Record<string, number>>;
}

/** Anything that turns a line into intents: the rule parser, the LLM parser, the chain. */
export interface IntentParser {
  parse(text: string, scope: Scope): ParseResult | Promise<ParseResult>;
}
