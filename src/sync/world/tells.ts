/**
 * TELL across the world: words for one player wherever she is on the isle, carried by the root
 * document's awareness (the one room every member of a world is connected to). A tell is
 * ephemeral, as on a MUD: it reaches her only while her client is connected, and nothing is
 * written to any zone log (a zone's log is folded only by those who load that zone, so a log
 * entry would never reach a player two zones away, and a player signs intents only where she
 * stands).
 *
 * Everything is signed by the player's key, for this world:
 * - a listener: "player P is connected, and hears tells addressed to inbox I" (I is random per
 *   session), signed again every 20 s; a player counts as awake while that signing time keeps
 *   moving, by the reader's own clock (as presence.ts);
 * - a tell: { from, to, inbox, n, text }. The reader shows it only if the signature is from's
 *   key, it names her own inbox of this session (a tell copied into a later session, or to
 *   someone else, is dead), and n is higher than the last n heard from that teller (a replay
 *   in the same session is dead). The teller's name is read from the signed roster, never from
 *   the tell, so nobody can speak under another's name.
 * Bounded: a tell holds at most 280 characters; a client's state carries at most 4 recent tells;
 * a reader hears at most 5 tells per teller in any 10 s (by its own clock) and drops the rest,
 * and an honest teller is told to slow down before that.
 *
 *   const tells = new WorldTells(link, identity, worldId, { nameOf: (p) => root.rosterEntry(p)?.name ?? null });
 *   tells.listen();                                    // we can be told things now
 *   tells.send(ana, 'meet me at the smithy');          // 'told' | 'asleep' | 'offline' | 'slow'
 *   tells.onHeard((t) => show(`${t.name} tells you, "${t.text}"`));
 */
import { canonicalJson } from '../../content/canonical.ts';
import { firstUnsafeChar } from '../../engine/text-safety.ts';
import { BoundedMemo } from '../intent/bounded-memo.ts';
import { fromBase64Url, randomBytes, toBase64Url, utf8ToBytes } from '../intent/bytes.ts';
import { playerIdOf, signBytes, verifyBytes, type Identity } from '../intent/identity.ts';
import type { RelayLink } from './relay-link.ts';
import type { WorldCipher } from './world-cipher.ts';

/** A tell this player heard. */
export interface HeardTell {
  readonly from: string;
  /** The teller's name in the roster. */
  readonly name: string;
  readonly text: string;
}

/**
 * told: on its way to a connected player; asleep: she is not connected; offline: we are not;
 * slow: too many too fast; watching: this tab only watches (another tab of ours plays).
 */
export type TellResult = 'told' | 'asleep' | 'offline' | 'slow' | 'watching' | 'spectator';

export const TELL_MAX_CHARS = 280;
/** Tells one client's state carries (the newest); a reader looks at no more. */
const TELLS_KEPT = 4;
/** A kept tell leaves the state after this long: long enough for a reconnecting reader to catch it. */
const TELL_KEPT_MS = 30_000;
/** At most this many tells per teller in any RATE_WINDOW_MS, as the reader counts them. */
export const TELL_RATE = 5;
const RATE_WINDOW_MS = 10_000;
const STALE_MS = 60_000;
const RESIGN_MS = 20_000;
const LISTENER = 'vetrellis/listener/v1\n';
const TELL = 'vetrellis/tell/v1\n';

interface SignedListener { readonly world: string; readonly player: string; readonly inbox: string; readonly at: number; readonly key: string; readonly sig: string }
interface SignedTell { readonly world: string; readonly from: string; readonly to: string; readonly inbox: string; readonly n: number; readonly text: string; readonly key: string; readonly sig: string }

const listenerBody = (l: Omit<SignedListener, 'key' | 'sig'>): string => LISTENER + canonicalJson({ world: l.world, player: l.player, inbox: l.inbox, at: l.at });
const tellBody = (t: Omit<SignedTell, 'key' | 'sig'>): string => TELL + canonicalJson({ world: t.world, from: t.from, to: t.to, inbox: t.inbox, n: t.n, text: t.text });

export class WorldTells {
  readonly #link: RelayLink;
  readonly #identity: Identity;
  readonly #world: string;
  readonly #nameOf: (player: string) => string | null;
  readonly #now: () => number;
  readonly #inbox = toBase64Url(randomBytes(16));
  readonly #verdicts = new BoundedMemo<string, boolean>(2_048);
  /** Per player: their latest listener (signing time, inbox) and when this device first saw that time. */
  readonly #listeners = new BoundedMemo<string, { readonly at: number; readonly inbox: string; readonly since: number }>(2_048);
  /** Per teller: the highest n heard, and when (our clock) their recent tells arrived. */
  readonly #heardN = new BoundedMemo<string, number>(2_048);
  readonly #recent = new BoundedMemo<string, number[]>(2_048);
  readonly #heard = new Set<(t: HeardTell) => void>();
  #sent: { readonly tell: SignedTell; readonly when: number }[] = [];
  /** When (our clock) our recent tells were sent: the honest side of the rate. */
  #sendTimes: number[] = [];
  #lastN = 0;
  #resign: ReturnType<typeof setInterval> | null = null;

  /** Players whose words reach nobody (the owner muted or banned them: rules/moderation.ts). */
  readonly #silenced: (player: string) => boolean;

  /** A private world's cipher: listener and tells are sent sealed, and only sealed ones are read. */
  readonly #cipher: WorldCipher | null;

  constructor(link: RelayLink, identity: Identity, world: string, opts: { nameOf: (player: string) => string | null; now?: () => number; silenced?: (player: string) => boolean; cipher?: WorldCipher | null }) {
    this.#cipher = opts.cipher ?? null;
    this.#link = link;
    this.#identity = identity;
    this.#world = world;
    this.#nameOf = opts.nameOf;
    this.#silenced = opts.silenced ?? (() => false);
    this.#now = opts.now ?? Date.now;
    link.awareness.on('change', this.#scan);
  }

  /** Announce that this player can be told things (renewed until `destroy`). */
  listen(): void {
    this.#publish();
    if (this.#resign === null) {
      this.#resign = setInterval(() => this.#publish(), RESIGN_MS);
      (this.#resign as { unref?: () => void }).unref?.();
    }
  }

  /** Send `text` to `to` if she is connected now. The text must already be safe speech. */
  send(to: string, text: string): TellResult {
    if (!this.#link.connected || !this.#link.syncedNow) return 'offline';
    const listener = this.#freshListener(to);
    if (!listener) return 'asleep';
    const now = this.#now();
    this.#sendTimes = this.#sendTimes.filter((when) => now - when < RATE_WINDOW_MS);
    if (this.#sendTimes.length >= TELL_RATE) return 'slow';
    this.#sendTimes.push(now);
    this.#lastN = Math.max(this.#lastN + 1, Math.floor(now));
    const fields = { world: this.#world, from: this.#identity.player, to, inbox: listener.inbox, n: this.#lastN, text: text.slice(0, TELL_MAX_CHARS) };
    const tell: SignedTell = { ...fields, key: toBase64Url(this.#identity.publicKey), sig: toBase64Url(signBytes(this.#identity, utf8ToBytes(tellBody(fields)))) };
    this.#sent = [...this.#sent.filter((s) => now - s.when < TELL_KEPT_MS).slice(-(TELLS_KEPT - 1)), { tell, when: now }];
    this.#publish();
    return 'told';
  }

  /** Called with each tell addressed to this player, once. */
  onHeard(cb: (t: HeardTell) => void): () => void {
    this.#heard.add(cb);
    return () => this.#heard.delete(cb);
  }

  #publish(): void {
    const fields = { world: this.#world, player: this.#identity.player, inbox: this.#inbox, at: Math.floor(this.#now()) };
    const listener: SignedListener = { ...fields, key: toBase64Url(this.#identity.publicKey), sig: toBase64Url(signBytes(this.#identity, utf8ToBytes(listenerBody(fields)))) };
    const now = this.#now();
    this.#sent = this.#sent.filter((s) => now - s.when < TELL_KEPT_MS);
    const state = this.#link.awareness.getLocalState() ?? {};
    const tells = this.#sent.map((s) => s.tell);
    const c = this.#cipher;
    this.#link.awareness.setLocalState({ ...state, vetrellisListener: c === null ? listener : c.sealFreshJson('listener', listener), vetrellisTells: c === null ? tells : c.sealFreshJson('tells', tells) });
  }

  /** The player's listener if they are connected now (their signing time kept moving). */
  #freshListener(player: string): { readonly inbox: string } | null {
    let found: { inbox: string } | null = null;
    for (const [client, state] of this.#link.awareness.getStates()) {
      if (client === this.#link.awareness.clientID) continue;
      const l = this.#readListener(state);
      if (l && l.player === player) found = l;
    }
    return found;
  }

  #readListener(state: unknown): { player: string; inbox: string } | null {
    const field = (state as { vetrellisListener?: unknown } | null)?.vetrellisListener;
    const l = (this.#cipher === null ? field : this.#cipher.openFreshJson('listener', field)) as Partial<SignedListener> | undefined;
    if (!l || typeof l !== 'object') return null;
    const { world, player, inbox, at, key, sig } = l;
    if (world !== this.#world || typeof player !== 'string' || typeof inbox !== 'string' || typeof at !== 'number' || typeof key !== 'string' || typeof sig !== 'string') return null;
    if (player.length > 80 || inbox.length > 40) return null;
    if (!this.#verified(key, sig, player, listenerBody({ world, player, inbox, at }))) return null;
    const now = this.#now();
    const seen = this.#listeners.get(player);
    if (!seen || at > seen.at) this.#listeners.set(player, { at, inbox, since: now });
    else if (at < seen.at || (at === seen.at && now - seen.since > STALE_MS)) return null;
    return { player, inbox };
  }

  #verified(key: string, sig: string, player: string, text: string): boolean {
    const memo = `${sig}\n${text}`;
    let ok = this.#verdicts.get(memo);
    if (ok === undefined) {
      const pk = fromBase64Url(key);
      const bytes = fromBase64Url(sig);
      ok = pk !== null && bytes !== null && playerIdOf(pk) === player && verifyBytes(pk, utf8ToBytes(text), bytes);
      this.#verdicts.set(memo, ok);
    }
    return ok;
  }

  readonly #scan = (): void => {
    const me = this.#identity.player;
    for (const [client, state] of this.#link.awareness.getStates()) {
      if (client === this.#link.awareness.clientID) continue;
      const field = (state as { vetrellisTells?: unknown } | null)?.vetrellisTells;
      const tells = this.#cipher === null ? field : this.#cipher.openFreshJson('tells', field);
      if (!Array.isArray(tells)) continue;
      for (const t of tells.slice(0, TELLS_KEPT) as Partial<SignedTell>[]) {
        if (!t || typeof t !== 'object' || t.to !== me || t.inbox !== this.#inbox || t.world !== this.#world) continue;
        const { from, n, text, key, sig } = t;
        if (typeof from !== 'string' || typeof n !== 'number' || typeof text !== 'string' || typeof key !== 'string' || typeof sig !== 'string') continue;
        if (from === me || n <= (this.#heardN.get(from) ?? 0) || text.length > TELL_MAX_CHARS || text.trim() === '' || firstUnsafeChar(text, 'speech') !== null) continue;
        if (!this.#verified(key, sig, from, tellBody({ world: this.#world, from, to: me, inbox: this.#inbox, n, text }))) continue;
        this.#heardN.set(from, n);
        const now = this.#now();
        const recent = (this.#recent.get(from) ?? []).filter((when) => now - when < RATE_WINDOW_MS);
        if (recent.length >= TELL_RATE) continue;
        this.#recent.set(from, [...recent, now]);
        const name = this.#nameOf(from);
        if (name === null || this.#silenced(from)) continue;
        for (const cb of this.#heard) cb({ from, name, text });
      }
    }
  };

  destroy(): void {
    if (this.#resign !== null) clearInterval(this.#resign);
    this.#link.awareness.off('change', this.#scan);
    this.#heard.clear();
    this.#link.awareness.setLocalState(null);
  }
}
