/**
 * News as one player is told it: what the world brought in without them typing (others' deeds,
 * speech, revisions of what they saw), as prose and as the structured events behind that prose.
 * An event is passed on only when it is told to this player in prose, so an agent learns no more
 * than a person at the keyboard would: nothing out of sight, and of a whisper to someone else
 * only that it was whispered (its words are left out).
 *
 *   const news = tellNews(content, state, world.drainNews(), viewer, at, awake);
 *   print(news.lines); agent.react(news.events);
 */
import type { Content } from '../content/schema.ts';
import type { EventOf, GameEvent, GameState } from '../engine/index.ts';
import { line, laterProse, narrateEvents, needsLaterProse, type AwakePlayers, type ProseLine, type RevisionLike } from '../narrate/index.ts';
import type { WorldNews } from './world.ts';

/** A whisper between two others, as those beside see it: who whispered to whom, not the words. */
export type WhisperSeen = Omit<EventOf<'said'>, 'text'>;

/**
 * A TELL from a player in another part of the isle (src/sync/world/tells.ts): written to no log,
 * so it is no game event; `name` is the teller's in the roster, `zone` where the roster last put them.
 */
export interface TellHeard {
  readonly type: 'told';
  readonly player: string;
  readonly name: string;
  readonly zone: string | null;
  readonly text: string;
}

/** An event of someone else's, as this player witnessed it. */
export type NewsEvent = GameEvent | WhisperSeen | TellHeard;

/** A re-fold that changed what this player saw: their own events that vanished or appeared, their pack's change. */
export interface NewsRevision {
  /** Whose late deeds caused it (names as this player knows them). */
  readonly causes: readonly { readonly player: string; readonly name?: string }[];
  readonly disappeared: readonly GameEvent[];
  readonly appeared: readonly GameEvent[];
  readonly inventory: readonly { readonly item: string; readonly delta: number }[];
}

export interface News {
  readonly lines: readonly ProseLine[];
  readonly events: readonly NewsEvent[];
  readonly revisions: readonly NewsRevision[];
}

export function tellNews(
  content: Content, state: GameState, news: WorldNews, viewer: string, at: number, awake: AwakePlayers | undefined,
  /** A spectator (watch link): sees every public deed in the zones held, with its place. */
  watching = false,
): News {
  // Session.pollNews tells news only once this prose is in (newsNeedsLaterProse).
  const later = laterProse();
  const lines: ProseLine[] = [];
  const revisions: NewsRevision[] = [];
  const events: NewsEvent[] = [];
  // An answer to an offer first: a revision of the pack that follows from it reads after it.
  for (const m of news.meanwhile ?? []) {
    if (!later) continue;
    const who = state.players[m.event.player]?.name ?? news.nameOf?.(m.event.player) ?? 'Someone';
    const told = later.trade.offerAnsweredLines(content, m.event, m.while, who);
    if (told.length === 0) continue;
    lines.push(...told);
    events.push(m.event);
  }
  for (const r of news.revisions) {
    const told = later?.revision.narrateRevision(content, state, r, viewer, news.nameOf) ?? [];
    if (told.length === 0) continue;
    lines.push(...told);
    revisions.push(revisionSeen(r));
  }
  for (const e of news.events) {
    // One at a time: narration tells each event on its own, so this is the batch's prose.
    const told = watching ? (later?.seen.narrateWatched(content, state, [e], news.nameOf) ?? []) : narrateEvents(content, state, [e], viewer, at, awake, news.nameOf);
    if (told.length === 0) continue;
    lines.push(...told);
    events.push(eventSeen(e, viewer));
  }
  for (const n of news.notes ?? []) lines.push(line('system', n));
  for (const t of news.tells ?? []) {
    if (!later) continue;
    lines.push(later.seen.heardFromAfar(content, t.name, t.zone, t.text));
    events.push({ type: 'told', player: t.player, name: t.name, zone: t.zone, text: t.text });
  }
  return { lines, events, revisions };
}

/**
 * True when telling this news needs prose that loads after the web app's first paint
 * (later-prose.ts): all of it but the player's own arrival, moves and quests begun, seen from a watching tab.
 * Such news waits for that prose (Session.pollNews).
 */
export function newsNeedsLaterProse(news: WorldNews, viewer: string): boolean {
  return news.events.some((e) => needsLaterProse(e, viewer)) || news.revisions.length > 0 || (news.tells?.length ?? 0) > 0 || (news.meanwhile?.length ?? 0) > 0;
}

function eventSeen(e: GameEvent, viewer: string): NewsEvent {
  if (e.type !== 'said' || e.whisper !== true || e.to === viewer || e.player === viewer) return e;
  const { text: _words, ...seen } = e;
  return seen;
}

function revisionSeen(r: RevisionLike): NewsRevision {
  return {
    causes: r.causes.map((c) => ({ player: c.player, ...(c.name !== undefined ? { name: c.name } : {}) })),
    disappeared: r.disappeared, appeared: r.appeared, inventory: r.inventory,
  };
}
