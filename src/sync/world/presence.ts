/**
 * Presence in a zone through Yjs awareness ("Mira is here"): who is connected, under what name,
 * and where. Each state is signed by its player's key, for this world and zone, with the time it
 * was signed, and signed again every 20 s while the player stays: a peer cannot show someone
 * else as here, and a copy of a real state goes stale, since a player counts as here only while
 * their signing time keeps moving (judged by this device's clock alone, so clocks that disagree
 * between devices do not matter). Local updates are throttled so typing fast does not flood the
 * relay. Presence is a hint for the UI, never game state.
 *
 *   const presence = new ZonePresence(link.awareness, identity, { world, zone: 'harbor' });
 *   presence.set({ name: 'Ana', location: 'pier' });
 *   presence.others(); presence.onChange(() => render());
 */
import type { Awareness } from 'y-protocols/awareness';
import { canonicalJson, compareCodeUnits } from '../../content/canonical.ts';
import { firstUnsafeChar } from '../../engine/text-safety.ts';
import { BoundedMemo } from '../intent/bounded-memo.ts';
import { fromBase64Url, toBase64Url, utf8ToBytes } from '../intent/bytes.ts';
import { playerIdOf, signBytes, verifyBytes, type Identity } from '../intent/identity.ts';
import type { WorldCipher } from './world-cipher.ts';

export interface Presence {
  readonly player: string;
  readonly name: string;
  readonly location: string;
}

const PREFIX = 'vetrellis/presence/v1\n';
/** A player whose signing time has not moved for this long (by the reader's clock) is not shown. */
const STALE_MS = 60_000;
/** How often a player's state is signed again while nothing changes. */
const RESIGN_MS = 20_000;
/** Longest sealed presence whose opened value is remembered. */
const MAX_MEMO_CHARS = 4_096;

interface SignedPresence extends Presence {
  readonly world: string;
  readonly zone: string;
  readonly at: number;
  readonly key: string;
  readonly sig: string;
}

function body(p: Omit<SignedPresence, 'key' | 'sig'>): string {
  return PREFIX + canonicalJson({ world: p.world, zone: p.zone, player: p.player, name: p.name, location: p.location, at: p.at });
}

export class ZonePresence {
  readonly #awareness: Awareness;
  readonly #identity: Identity;
  readonly #where: { readonly world: string; readonly zone: string };
  readonly #throttleMs: number;
  readonly #now: () => number;
  readonly #admits: (player: string) => boolean;
  /** Signatures checked, by the signed text: states repeat as they are renewed and re-sent. */
  readonly #verdicts = new BoundedMemo<string, boolean>(2_048);
  /**
   * Sealed presence opened, by the sealed string (a private world): each player's state is read
   * on every look at who is here, and opening it (AES-SIV) was the largest cost of a companion's
   * idle minute; it changes only when its owner signs again.
   */
  readonly #opened = new BoundedMemo<string, unknown>(256);
  /** Per player: the latest signing time seen, and when (this device's clock) it was first seen. */
  readonly #seen = new BoundedMemo<string, { readonly at: number; readonly since: number }>(2_048);
  #last = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #resign: ReturnType<typeof setInterval> | null = null;
  #next: { name: string; location: string } | null = null;
  #current: { name: string; location: string } | null = null;

  /** `admits`: whose presence shows (a world with a watch link shows members only: docs/links.md); everyone's by default. */
  /** A private world's cipher: presence is sent sealed, and only sealed presence is read. */
  readonly #cipher: WorldCipher | null;

  constructor(awareness: Awareness, identity: Identity, where: { world: string; zone: string }, opts: { throttleMs?: number; now?: () => number; admits?: (player: string) => boolean; cipher?: WorldCipher | null } = {}) {
    this.#cipher = opts.cipher ?? null;
    this.#awareness = awareness;
    this.#identity = identity;
    this.#where = where;
    this.#throttleMs = opts.throttleMs ?? 500;
    this.#now = opts.now ?? Date.now;
    this.#admits = opts.admits ?? (() => true);
  }

  set(p: { name: string; location: string }): void {
    // Unchanged: nothing to sign (the renewal timer keeps the signed state fresh). Every command
    // sets presence, and a signature on the command's path costs the player a few milliseconds.
    const shown = this.#next ?? this.#current;
    if (shown !== null && shown.name === p.name && shown.location === p.location) return;
    this.#next = { name: p.name, location: p.location };
    const wait = this.#last + this.#throttleMs - Date.now();
    if (wait <= 0) this.#flush();
    else this.#timer ??= setTimeout(() => this.#flush(), wait);
  }

  #flush(): void {
    this.#timer = null;
    if (!this.#next) return;
    this.#last = Date.now();
    this.#current = this.#next;
    this.#next = null;
    this.#publish();
    if (this.#resign === null) {
      this.#resign = setInterval(() => this.#publish(), RESIGN_MS);
      (this.#resign as { unref?: () => void }).unref?.();
    }
  }

  #publish(): void {
    if (!this.#current) return;
    const fields = { ...this.#where, player: this.#identity.player, ...this.#current, at: Math.floor(this.#now()) };
    const sig = toBase64Url(signBytes(this.#identity, utf8ToBytes(body(fields))));
    const signed: SignedPresence = { ...fields, key: toBase64Url(this.#identity.publicKey), sig };
    // Not setLocalStateField: it does nothing once a state was cleared (a presence destroyed on
    // leaving this zone), and a player coming back would stay invisible.
    this.#awareness.setLocalState({ ...(this.#awareness.getLocalState() ?? {}), vetrellis: this.#cipher === null ? signed : this.#cipher.sealFreshJson('presence', signed) });
  }

  /** Other players connected to this zone whose signed presence holds now, by player id (one entry per player). */
  others(): Presence[] {
    const by = new Map<string, Presence>();
    for (const [client, state] of this.#awareness.getStates()) {
      if (client === this.#awareness.clientID) continue;
      const p = this.#read(state);
      if (p && p.player !== this.#identity.player && this.#admits(p.player)) by.set(p.player, p);
    }
    return [...by.values()].sort((a, b) => compareCodeUnits(a.player, b.player));
  }

  /** A sealed field opened and parsed (memoised by its string: the same string opens the same way). */
  #open(cipher: WorldCipher, field: unknown): unknown {
    if (typeof field !== 'string') return undefined;
    if (this.#opened.has(field)) return this.#opened.get(field);
    const value = cipher.openFreshJson('presence', field);
    // A signed presence is a few hundred characters: nothing larger is kept (the memo stays small).
    if (field.length <= MAX_MEMO_CHARS) this.#opened.set(field, value);
    return value;
  }

  #read(state: unknown): Presence | null {
    if (typeof state !== 'object' || state === null) return null;
    const field = (state as { vetrellis?: unknown }).vetrellis;
    const p = (this.#cipher === null ? field : this.#open(this.#cipher, field)) as Partial<SignedPresence> | undefined;
    if (!p || typeof p !== 'object') return null;
    const { player, name, location, world, zone, at, key, sig } = p;
    if (typeof player !== 'string' || typeof name !== 'string' || typeof location !== 'string' || typeof at !== 'number') return null;
    if (typeof key !== 'string' || typeof sig !== 'string' || world !== this.#where.world || zone !== this.#where.zone) return null;
    if (player.length > 80 || name.length > 32 || location.length > 80) return null;
    if (firstUnsafeChar(name, 'name') !== null || firstUnsafeChar(location, 'speech') !== null) return null;
    const text = body({ world, zone, player, name, location, at });
    let ok = this.#verdicts.get(`${sig}\n${text}`);
    if (ok === undefined) {
      const pk = fromBase64Url(key);
      const bytes = fromBase64Url(sig);
      ok = pk !== null && bytes !== null && playerIdOf(pk) === player && verifyBytes(pk, utf8ToBytes(text), bytes);
      this.#verdicts.set(`${sig}\n${text}`, ok);
    }
    if (!ok) return null;
    const now = this.#now();
    const seen = this.#seen.get(player);
    if (!seen || at > seen.at) this.#seen.set(player, { at, since: now });
    else if (at === seen.at && now - seen.since > STALE_MS) return null;
    else if (at < seen.at) return null;
    return { player, name, location };
  }

  onChange(cb: () => void): () => void {
    this.#awareness.on('change', cb);
    return () => this.#awareness.off('change', cb);
  }

  destroy(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    if (this.#resign !== null) clearInterval(this.#resign);
    this.#awareness.setLocalState(null);
  }
}
