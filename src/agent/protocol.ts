/**
 * The agent API's messages, the same in the library (`env.step`, `env.on('news')`) and on the
 * terminal's `--json` lines: a reply to every command, and with `--follow` news lines written as
 * the world brings them. docs/agent-api.md shows each with examples.
 *
 *   { "type": "reply", "input": "n", "status": "ok", "events": [{ "type": "moved", ... }], "reward": {...}, ... }
 *   { "type": "news", "text": "Ana says, \"hello\"", "events": [{ "type": "said", ... }], ... }
 */
import type { Action, ActionKind, GameEvent } from '../engine/index.ts';
import type { ParseStatus } from '../parser/types.ts';
import type { Observation } from '../session/observation.ts';
import type { NewsEvent, NewsRevision } from '../session/news.ts';

/** Bumped when a field changes meaning or goes away; adding a field keeps the version. */
export const AGENT_API_VERSION = 1;

export interface ItemCount {
  readonly item: string;
  readonly qty: number;
}

/**
 * What changed for the agent's character since the previous message, whatever caused it: EXP
 * (net, a defeat's loss counted against it), levels, and things gained or lost from what it
 * carries and wears (equipping or taking off changes nothing here). The rewards of all messages
 * add up to the whole change.
 */
export interface Reward {
  readonly exp: number;
  readonly levels: number;
  readonly gained: readonly ItemCount[];
  readonly lost: readonly ItemCount[];
  /** Coin gained (negative: spent or handed over), net. */
  readonly coin: number;
}

/** What every message carries: prose, what changed for the character, and where it stands now. */
interface Message {
  readonly version: typeof AGENT_API_VERSION;
  readonly text: string;
  /** News as prose, one line each (in a reply: without follow only). */
  readonly news: readonly string[];
  /** Revisions told in `news`. */
  readonly revisions: readonly NewsRevision[];
  readonly reward: Reward;
  readonly observation: Observation;
}

/** A refusal by the world around the rules: the action never reached them. */
export interface BlockedEvent {
  readonly type: 'refused';
  readonly player: string;
  readonly kind: ActionKind;
  readonly reason: string;
  readonly detail: Readonly<Record<string, never>>;
}
export type AgentEvent = GameEvent | BlockedEvent;

export interface AgentReply extends Message {
  readonly type: 'reply';
  /** The line or action as it came (a structured action as its JSON). */
  readonly input: string;
  readonly status: ParseStatus;
  /** The actions taken for it, also when the rules then refused one. */
  readonly intents: readonly Action[];
  /**
   * What the rules answered, in order; a refusal is `{ type: 'refused', kind, reason, detail }`.
   * An action the world could not take at all (the rules never saw it) is a refusal too, with a
   * reason outside the rules' (`sync/zone-loading`, `sync/watching`, `session/internal-error`).
   */
  readonly events: readonly AgentEvent[];
  /** The events behind `news` (without follow; following, news lines carry them). */
  readonly newsEvents: readonly NewsEvent[];
  /** The agent asked to leave (QUIT). */
  readonly quit: boolean;
}

/** With follow: what the world brought in between replies (others' deeds and speech witnessed, revisions). */
export interface AgentNews extends Message {
  readonly type: 'news';
  readonly events: readonly NewsEvent[];
}

export type AgentMessage = AgentReply | AgentNews;
