/**
 * The owner's and moderators' actions on a shared world (issue 19, docs/finality.md): beginning a
 * new epoch (a cut), moderating, and moving the world (freezing it, making the new world's root,
 * the pointers members follow, carrying the state over). A player's first prompt needs none of
 * it, so SharedWorld loads this module the first time one of its owner methods is called; they
 * keep their names and signatures there (shared-world.ts), and do their work here.
 *
 *   const { cutWorld } = await import('./owner-actions.ts');
 *   const r = await cutWorld(ownerView, { timeoutMs });     // ownerView: SharedWorld's parts (OwnerView)
 */
import type { ModerationKind } from '../../engine/action.ts';
import type { GameEvent } from '../../engine/events.ts';
import type { Identity } from '../intent/identity.ts';
import { appointment, moderatorKeyOf } from '../intent/succession.ts';
import type { SyncAction } from '../intent/sync-action.ts';
import { engineRules } from '../replica/engine-rules.ts';
import { untilConfirmed, type RelayConnector } from './relay-link.ts';
import type { SharedWorldOptions } from './shared-world-api.ts';
import { relayConnector } from './websocket-link.ts';
import type { CutResult } from './world-cutter.ts';
import { isPrivateWorld, worldOwnerOf } from './world-key.ts';
import { WorldRoot } from './world-root.ts';
import type { ZoneSet } from './zone-set.ts';
import type { ZoneWriter } from './zone-writer.ts';

/** What of a SharedWorld its owner's actions use: its parts, as they are when the action runs. */
export interface OwnerView {
  readonly worldId: string;
  readonly worldName: string;
  readonly options: SharedWorldOptions;
  /** The key's first generation: the key the world key names, for the owner. */
  readonly base: Identity;
  /** This tab plays (not a watcher, not a spectator). */
  readonly writes: boolean;
  /** This device holds the owner's key (SharedWorld.owning). */
  readonly owning: boolean;
  readonly root: WorldRoot;
  readonly zones: ZoneSet;
  readonly writer: ZoneWriter;
  readonly connect: RelayConnector | null;
  readonly timeoutMs: number;
  /** The zone the player stands in now. */
  zone(): string;
  /** The game time intents are signed at now. */
  at(): number;
  closed(): boolean;
}

type Written = { readonly ok: boolean; readonly events: readonly GameEvent[] };

/**
 * Begin the world's next epoch (world-cut.ts), on the owner's device: every zone's snapshot at
 * its final seal and the tail above it go into new documents, which new devices open instead
 * of the whole history. Refused for anyone but the owner, and while a zone has play that is not
 * sealed yet (its seal comes once the play is old enough: zone-writer.ts).
 */
export async function cutWorld(w: OwnerView, o: { readonly timeoutMs?: number } = {}): Promise<CutResult> {
  const owner = w.base;
  if (!w.writes || owner.player !== worldOwnerOf(w.options.worldKey)) return { ok: false, reason: 'Only the owner of this world can begin a new epoch.' };
  // Loaded when an epoch begins: only the owner's device, now and then, writes cuts.
  const [{ writeWorldCut }, { retireOldEpochs }] = await Promise.all([import('./world-cutter.ts'), import('./retire-epochs.ts')]);
  const cut = await writeWorldCut({
    owner, root: w.root, zones: w.zones, writer: w.writer, content: w.options.content, worldKey: w.options.worldKey,
    store: w.options.store, connect: w.connect, cipher: w.root.cipher, timeoutMs: o.timeoutMs ?? Math.max(w.timeoutMs, 10_000),
  });
  // The epochs this cut leaves two behind go from the relay (after its grace period). A relay
  // that cannot be reached now is asked again at the next cut: the order names every older epoch.
  if (cut.ok) {
    const retired = await retireOldEpochs({ root: w.root, worldKey: w.options.worldKey, owner, zones: w.options.content.zones.keys(), connect: w.connect });
    if (retired?.ok === false) console.warn('the relay did not take the order to drop old epochs:', retired.error);
  }
  return cut;
}

/**
 * Carry this frozen world's state into the world it moves to (world-cutter.ts `carryIntoWorld`),
 * on the owner's device: the new world starts from each zone's snapshot at the seal through
 * the MOVED, so members go on with their characters there.
 */
export async function carryInto(w: OwnerView, toKey: string): Promise<CutResult> {
  if (!w.writes || !w.owning) return { ok: false, reason: 'Only the owner of this world can move it.' };
  const { carryIntoWorld } = await import('./world-cutter.ts');
  return carryIntoWorld({
    owner: w.base, zones: w.zones, writer: w.writer, content: w.options.content, rules: w.options.rules ?? engineRules,
    fromWorld: w.worldId, toKey, store: w.options.store, connect: w.connect, timeoutMs: Math.max(w.timeoutMs, 10_000),
  });
}

/**
 * Moderate `target` (issue 19), on the owner's or a moderator's device: the intent is written
 * into every zone of the world, under this device's moderator key (a chain of its own in each
 * zone, apart from the player's play, so a stopped chain of theirs never stops moderation),
 * appointed by the owner's key, or, on a moderator's device, by the player's own key (`by`:
 * their id; the rules count it only while the owner's MOD of them stands in that zone). Returns
 * the events of the zone the player stands in; refused when this tab does not write, or some
 * zone could not be written now (those written stand; doing it again finishes the rest).
 */
export async function moderate(w: OwnerView, what: ModerationKind, target: string): Promise<Written> {
  const worldOwner = worldOwnerOf(w.options.worldKey);
  if (!w.writes || worldOwner === null) return { ok: false, events: [] };
  const owning = w.base.player === worldOwner;
  // Only the owner names moderators (the rules refuse anyone else's); nobody touches the owner
  // (the sync layer refuses that).
  if (!owning && (what === 'mod' || what === 'unmod' || target === worldOwner)) return { ok: false, events: [] };
  const signer = owning ? w.base : w.options.identity;
  const moderator = moderatorKeyOf(signer);
  const appointed = owning ? appointment(signer, moderator.player, w.worldId) : { ...appointment(signer, moderator.player, w.worldId), by: signer.player };
  return writeInEveryZone(w, moderator, { kind: what, target, appointed });
}

/**
 * Freeze this world (issue 19, "Move the world"): the owner's MOVED, written into every zone as
 * a ban is (under the owner's moderator key, appointed by the owner), after which every replica
 * refuses every intent in that zone. `ok` false when a zone could not be written now (those
 * written stand; doing it again finishes the rest).
 */
export async function freeze(w: OwnerView): Promise<Written> {
  if (!w.writes || !w.owning) return { ok: false, events: [] };
  const moderator = moderatorKeyOf(w.base);
  const appointed = appointment(w.base, moderator.player, w.worldId);
  // Sealed through the MOVED at once: an intent backdated to a turn before it is then placed after it, and refused.
  return writeInEveryZone(w, moderator, { kind: 'moved', appointed }, { frozenDone: true, sealThrough: true });
}

/**
 * `action`, signed by `moderator` into every zone of the world (moderation, the MOVED), skipping
 * zones already frozen when `frozenDone`; sealed through at once when `sealThrough` (an intent
 * backdated to a turn before it is then placed after it). The events of the zone the player is
 * in; `ok` false when some zone could not be written now (those written stand).
 */
async function writeInEveryZone(w: OwnerView, moderator: Identity, action: SyncAction, o: { readonly frozenDone?: boolean; readonly sealThrough?: boolean } = {}): Promise<Written> {
  let ok = true;
  let events: readonly GameEvent[] = [];
  for (const zone of w.options.content.zones.keys()) {
    const h = await w.zones.openSynced(zone, w.timeoutMs);
    if (w.closed()) return { ok: false, events };
    const replica = w.writer.activate(h);
    if (o.frozenDone === true && replica.state.moderation?.moved === true) continue;
    if (!replica.canWrite(moderator.player)) {
      ok = false;
      continue;
    }
    // Written as is: the player's roster lists the zones of the player's own chains, not these.
    const intent = w.writer.signAs(moderator, replica, action, w.at());
    const change = h.write(intent);
    if (o.sealThrough === true) w.writer.sealThrough(h, replica, intent.turn);
    if (zone === w.zone()) events = change.news.find((n) => n.entry.id === intent.id)?.events ?? [];
  }
  return { ok, events };
}

/**
 * Make the root of the world the owner is moving to (its name and content version, on this
 * device's store and relay), and wait (up to the relay timeout) until the relay holds it, so a
 * member who follows finds it. The owner's device only.
 */
export async function makeMovedWorld(w: OwnerView, newKey: string): Promise<boolean> {
  if (!w.owning) return false;
  const cipher = isPrivateWorld(newKey) ? (await import('./world-cipher.ts')).worldCipherOf(newKey) : null;
  const root = await WorldRoot.open({ worldKey: newKey, store: w.options.store, connect: relayConnector(w.options.relay), content: w.options.content, create: { name: w.worldName }, cipher }, w.timeoutMs);
  // The meta written as it opened counts as pending until the relay has it.
  root.link?.track();
  const confirmed = await untilConfirmed(root.link, w.timeoutMs);
  await root.close();
  return confirmed;
}

/** Write the owner's pointer for `member` (`sealed`: the new key sealed to their box key). The owner's device only. */
export async function writeMovedPointer(w: OwnerView, member: string, sealed: string): Promise<void> {
  if (!w.owning) throw new Error('only the owner of a world moves it');
  await w.root.writeMovedPointer(w.base, member, sealed);
}
