/**
 * Roster entries in the root document: player -> { name, publicKey, zone }, each signed by the
 * player so nobody else can rename them or move them on the map. Stored as canonical JSON
 * strings in the root doc's `roster` Y.Map; entries that fail the checks are ignored.
 * The roster is a directory for presence and the map; the authoritative game state is the
 * zone logs' fold.
 *
 *   root.roster.set(me.player, signRosterEntry(me, { world, name: 'Ana', zone: 'harbor', at: Date.now() }));
 *   readRoster(root.roster, world); // Map player -> RosterEntry
 */
import type * as Y from 'yjs';
import { fromBase64Url, toBase64Url, utf8ToBytes } from '../intent/bytes.ts';
import { canonicalJson, canonicalJsonBounded, compareCodeUnits } from '../../content/canonical.ts';
import { playerIdOf, signBytes, verifyBytes, type Identity } from '../intent/identity.ts';

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
  readonly sig: string;
}

const PREFIX = 'vetrellis/roster/v1\n';

export function signRosterEntry(identity: Identity, f: { world: string; name: string; zone: string; zones: readonly string[]; at: number }): string {
  const zones = [...new Set(f.zones)].sort(compareCodeUnits).slice(0, 64);
  const body = { world: f.world, player: identity.player, name: f.name.slice(0, 32), publicKey: toBase64Url(identity.publicKey), zone: f.zone, zones, at: Math.floor(f.at) };
  const sig = toBase64Url(signBytes(identity, utf8ToBytes(PREFIX + canonicalJson(body))));
  return canonicalJson({ ...body, sig });
}

/** Verdicts by (key, world, raw): a roster is re-read often and entries change rarely. */
const verdicts = new Map<string, RosterEntry | null>();

export function readRosterEntry(key: string, raw: unknown, world: string): RosterEntry | null {
  if (typeof raw !== 'string' || raw.length > 8192) return null;
  const memoKey = `${key}\n${world}\n${raw}`;
  const known = verdicts.get(memoKey);
  if (known !== undefined) return known;
  const verdict = checkRosterEntry(key, raw, world);
  if (verdicts.size > 10_000) verdicts.clear();
  verdicts.set(memoKey, verdict);
  return verdict;
}

function checkRosterEntry(key: string, raw: string, world: string): RosterEntry | null {
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
  if (Object.keys(e).length !== 8) return null;
  const entry = e as unknown as RosterEntry;
  if (entry.world !== world || entry.player !== key || entry.name.length > 32 || entry.zone.length > 80) return null;
  const pk = fromBase64Url(entry.publicKey);
  const sig = fromBase64Url(entry.sig);
  if (!pk || !sig || playerIdOf(pk) !== key) return null;
  const { sig: _s, ...body } = entry;
  return verifyBytes(pk, utf8ToBytes(PREFIX + canonicalJson(body)), sig) ? entry : null;
}

/** Valid roster entries, by player, in player id order. */
export function readRoster(roster: Y.Map<unknown>, world: string): Map<string, RosterEntry> {
  const out = new Map<string, RosterEntry>();
  for (const key of [...roster.keys()].sort(compareCodeUnits)) {
    const e = readRosterEntry(key, roster.get(key), world);
    if (e) out.set(key, e);
  }
  return out;
}
