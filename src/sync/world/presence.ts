/**
 * Presence in a zone through Yjs awareness ("Mira is here"): who is connected, under what name,
 * and where. Local updates are throttled so typing fast does not flood the relay. Awareness is
 * not signed: presence is a hint for the UI, never game state.
 *
 *   const presence = new ZonePresence(link.provider.awareness, me.player);
 *   presence.set({ name: 'Ana', location: 'pier' });
 *   presence.others(); presence.onChange(() => render());
 */
import type { Awareness } from 'y-protocols/awareness';
import { compareCodeUnits } from '../../content/canonical.ts';
import { firstUnsafeChar } from '../../engine/text-safety.ts';

export interface Presence {
  readonly player: string;
  readonly name: string;
  readonly location: string;
}

function readPresence(v: unknown): Presence | null {
  if (typeof v !== 'object' || v === null) return null;
  const p = (v as { vetrellis?: unknown }).vetrellis as Partial<Presence> | undefined;
  if (!p || typeof p.player !== 'string' || typeof p.name !== 'string' || typeof p.location !== 'string') return null;
  if (p.player.length > 80 || p.name.length > 32 || p.location.length > 80) return null;
  if (firstUnsafeChar(p.name, 'name') !== null || firstUnsafeChar(p.location, 'speech') !== null) return null;
  return { player: p.player, name: p.name, location: p.location };
}

export class ZonePresence {
  readonly #awareness: Awareness;
  readonly #player: string;
  readonly #throttleMs: number;
  #last = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #next: Presence | null = null;

  constructor(awareness: Awareness, player: string, opts: { throttleMs?: number } = {}) {
    this.#awareness = awareness;
    this.#player = player;
    this.#throttleMs = opts.throttleMs ?? 500;
  }

  set(p: { name: string; location: string }): void {
    this.#next = { player: this.#player, name: p.name, location: p.location };
    const wait = this.#last + this.#throttleMs - Date.now();
    if (wait <= 0) this.#flush();
    else this.#timer ??= setTimeout(() => this.#flush(), wait);
  }

  #flush(): void {
    this.#timer = null;
    if (!this.#next) return;
    this.#last = Date.now();
    // Not setLocalStateField: it does nothing once a state was cleared (a presence destroyed on
    // leaving this zone), and a player coming back would stay invisible.
    this.#awareness.setLocalState({ ...(this.#awareness.getLocalState() ?? {}), vetrellis: this.#next });
    this.#next = null;
  }

  /** Other players connected to this zone, by player id (one entry per player). */
  others(): Presence[] {
    const by = new Map<string, Presence>();
    for (const [client, state] of this.#awareness.getStates()) {
      if (client === this.#awareness.clientID) continue;
      const p = readPresence(state);
      if (p && p.player !== this.#player) by.set(p.player, p);
    }
    return [...by.values()].sort((a, b) => compareCodeUnits(a.player, b.player));
  }

  onChange(cb: () => void): () => void {
    this.#awareness.on('change', cb);
    return () => this.#awareness.off('change', cb);
  }

  destroy(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#awareness.setLocalState(null);
  }
}
