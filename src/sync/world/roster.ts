/**
 * Roster entries in the root document: player -> { name, publicKey, zone }, each signed by the
 * player so nobody else can rename them or move them on the map. Stored as canonical JSON
 * strings in the root doc's `roster` Y.Map; entries that fail the checks are ignored.
 * The roster is a directory for presence and the map; the authoritative game state is the
 * zone logs' fold.
 *
 *   root.roster.set(me.player, signRosterEntry(me, { world, name: 'Ana', zone: 'harbor', at: Date.now() }));
 *   new RosterIndex(root.roster, world).get(player);   // RosterEntry | null
 */
import type * as Y from 'yjs';
import { fromBase64Url, toBase64Url, utf8ToBytes } from '../intent/bytes.ts';
import { canonicalJson, canonicalJsonBounded, compareCodeUnits } from '../../content/canonical.ts';
import { firstUnsafeChar } from '../../engine/text-safety.ts';
import { playerIdOf, signBytes, verifyBytes, type Identity } from '../intent/identity.ts';
import { checkSuccession, type Succession } from '../intent/succession.ts';
import { checkMembership } from '../intent/membership.ts';

export interface RosterEntry {
  readonly world: string;
  readonly player: string;
  readonly name: string;
  readonly publicKey: string;
  readonly zone: string;
  /**
   * Zones whose logs hold intents by this player, sorted. A device that holds none of its own
   * intents in one of these zones must sync before writing there (else it would fork its chain).
   */
  readonly zones: readonly string[];
  /** Author's clock: a newer signed entry replaces an older one. */
  readonly at: number;
  /** This player started over as the next generation of the character named here (succession.ts). */
  readonly succeeds?: Succession;
  /** In a world with a watch link: the member key's signature over this player (docs/links.md), so a watcher cannot list themselves. */
  readonly member?: string;
  /**
   * The member's box public key (member-box.ts, X25519, base64url), in entries session-13 clients
   * signed: still read, never written now (older clients drop entries with it), since box keys
   * have signed records of their own (box-records.ts).
   */
  readonly box?: string;
  readonly sig: string;
}

const PREFIX = 'vetrellis/roster/v1\n';

export function signRosterEntry(identity: Identity, f: { world: string; name: string; zone: string; zones: readonly string[]; at: number; succeeds?: Succession; member?: string; box?: string }): string {
  const zones = [...new Set(f.zones)].sort(compareCodeUnits).slice(0, 64);
  const body = {
    world: f.world, player: identity.player, name: f.name.slice(0, 32), publicKey: toBase64Url(identity.publicKey), zone: f.zone, zones, at: Math.floor(f.at),
    ...(f.succeeds === undefined ? {} : { succeeds: f.succeeds }),
    ...(f.member === undefined ? {} : { member: f.member }),
    ...(f.box === undefined ? {} : { box: f.box }),
  };
  const sig = toBase64Url(signBytes(identity, utf8ToBytes(PREFIX + canonicalJson(body))));
  return canonicalJson({ ...body, sig });
}

/** Most entries a roster lists (in player id order); any one player's entry is still found. */
export const ROSTER_LIST_MAX = 2_000;

/**
 * One world's roster as read from its map: each stored string is checked once (the verdict is
 * kept while that string stays), so junk costs its check once, not on every read, and the list
 * is kept until the map changes. A signed entry is never lost to a deletion, junk or a replayed
 * older entry: the best valid entry seen for a key (the latest `at`, then the first string in
 * code-unit order, the same choice on every replica) is written back.
 *
 *   const roster = new RosterIndex(root.roster, worldId);
 *   roster.get(player); roster.list();   // valid entries only, at most ROSTER_LIST_MAX
 */
export class RosterIndex {
  readonly #map: Y.Map<unknown>;
  readonly #world: string;
  readonly #member: Uint8Array | null;
  /** Opens a private world's sealed entries (RootDoc); null: entries are stored as their text. */
  readonly #sealed: { rosterText(player: string, value: unknown): unknown } | null;
  readonly #verdicts = new Map<string, { readonly raw: unknown; readonly entry: RosterEntry | null }>();
  /** The best valid entry seen per player, and its string. */
  readonly #best = new Map<string, { readonly raw: string; readonly entry: RosterEntry }>();
  #list: RosterEntry[] | null = null;

  /** `member`: the world's member public key (docs/links.md), whose proof every entry must carry; null for worlds made before watch links. */
  constructor(map: Y.Map<unknown>, world: string, member: Uint8Array | null = null, root: { readonly cipher: unknown; rosterText(player: string, value: unknown): unknown } | null = null) {
    this.#map = map;
    this.#world = world;
    this.#member = member;
    this.#sealed = root !== null && root.cipher !== null ? root : null;
    for (const key of map.keys()) this.get(key);
    map.observe((event) => {
      const lost: string[] = [];
      for (const key of event.keysChanged) {
        this.#verdicts.delete(key);
        if (this.#best.has(key) && this.get(key) === null) lost.push(key);
      }
      this.#list = null;
      if (lost.length > 0) queueMicrotask(() => this.#restore(lost));
    });
  }

  /** The player's valid entry, if the roster holds one. */
  get(player: string): RosterEntry | null {
    const raw = this.#map.get(player);
    if (raw === undefined) return null;
    const known = this.#verdicts.get(player);
    if (known && known.raw === raw) return known.entry;
    let entry = readRosterEntry(player, this.#sealed === null ? raw : this.#sealed.rosterText(player, raw), this.#world, this.#member);
    const best = this.#best.get(player);
    if (entry && typeof raw === 'string' && (!best || better(entry, raw, best.entry, best.raw))) this.#best.set(player, { raw, entry });
    // A replayed older entry does not count: the best one stands (and is written back).
    else if (entry && best && raw !== best.raw) entry = null;
    this.#verdicts.set(player, { raw, entry });
    return entry;
  }

  /**
   * Valid entries in player id order; junk is skipped, however much of it sorts first, and so is
   * a character whose player started over (a later generation's entry names it in `succeeds`).
   */
  list(): readonly RosterEntry[] {
    if (this.#list) return this.#list;
    const list: RosterEntry[] = [];
    const succeeded = new Set<string>();
    for (const key of [...this.#map.keys()].sort(compareCodeUnits)) {
      const e = this.get(key);
      if (e) list.push(e);
      if (e?.succeeds !== undefined) succeeded.add(e.succeeds.player);
      if (list.length === ROSTER_LIST_MAX) break;
    }
    return (this.#list = succeeded.size === 0 ? list : list.filter((e) => !succeeded.has(e.player)));
  }

  /** The latest generation of `player` (themselves when they never started over). */
  heirOf(player: string): string {
    const heirs = new Map<string, string>();
    for (const key of this.#map.keys()) {
      const e = this.get(key);
      if (e?.succeeds !== undefined) heirs.set(e.succeeds.player, e.player);
    }
    let at = player;
    for (let i = 0; i < 64 && heirs.has(at); i++) at = heirs.get(at)!;
    return at;
  }

  #restore(keys: readonly string[]): void {
    const doc = this.#map.doc;
    if (!doc) return;
    doc.transact(() => {
      for (const key of keys) {
        const best = this.#best.get(key);
        if (best && this.#map.get(key) !== best.raw && this.get(key) === null) this.#map.set(key, best.raw);
      }
    }, ROSTER_HEAL_ORIGIN);
  }
}

/** Transaction origin of roster entries written back. */
export const ROSTER_HEAL_ORIGIN = Symbol('vetrellis-roster-heal');

function better(a: RosterEntry, aRaw: string, b: RosterEntry, bRaw: string): boolean {
  return a.at !== b.at ? a.at > b.at : compareCodeUnits(aRaw, bRaw) < 0;
}

export function readRosterEntry(key: string, raw: unknown, world: string, member: Uint8Array | null = null): RosterEntry | null {
  if (typeof raw !== 'string' || raw.length > 8192) return null;
  return checkRosterEntry(key, raw, world, member);
}

function checkRosterEntry(key: string, raw: string, world: string, memberKey: Uint8Array | null): RosterEntry | null {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (canonicalJsonBounded(v, 8192) !== raw || typeof v !== 'object' || v === null) return null;
  const e = v as Record<string, unknown>;
  const strings = ['world', 'player', 'name', 'publicKey', 'zone', 'sig'] as const;
  if (!strings.every((k) => typeof e[k] === 'string') || typeof e['at'] !== 'number') return null;
  const zones = e['zones'];
  if (!Array.isArray(zones) || zones.length > 64 || !zones.every((z) => typeof z === 'string' && z.length <= 80)) return null;
  const succeeds = e['succeeds'];
  const member = e['member'];
  const box = e['box'];
  if (Object.keys(e).length !== 8 + (succeeds === undefined ? 0 : 1) + (member === undefined ? 0 : 1) + (box === undefined ? 0 : 1)) return null;
  if (box !== undefined && (typeof box !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(box))) return null;
  const entry = e as unknown as RosterEntry;
  if (succeeds !== undefined && !validSuccession(succeeds, key, world)) return null;
  // Only members are listed where the world has a watch link; older worlds' entries carry no proof.
  if (memberKey === null ? member !== undefined : typeof member !== 'string' || !checkMembership(member, memberKey, world, key)) return null;
  if (entry.world !== world || entry.player !== key || entry.name.length > 32 || entry.zone.length > 80) return null;
  // Names show on every screen: the same characters a name in the rules may hold (text-safety.ts).
  if (firstUnsafeChar(entry.name, 'name') !== null) return null;
  const pk = fromBase64Url(entry.publicKey);
  const sig = fromBase64Url(entry.sig);
  if (!pk || !sig || playerIdOf(pk) !== key) return null;
  const { sig: _s, ...body } = entry;
  return verifyBytes(pk, utf8ToBytes(PREFIX + canonicalJson(body)), sig) ? entry : null;
}

/** A roster entry's `succeeds`: a succession proof for this player in this world. */
function validSuccession(v: unknown, player: string, world: string): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const s = v as Record<string, unknown>;
  if (Object.keys(s).length !== 3 || typeof s['player'] !== 'string' || typeof s['key'] !== 'string' || typeof s['sig'] !== 'string') return false;
  return checkSuccession(s as unknown as Succession, player, world);
}
