/**
 * Challenges of a world cut (docs/finality.md "Snapshots and compaction", point 5; issue 15
 * point 3): a device that folded a zone's history and finds that the snapshot a cut names for
 * it is not what its own fold gives at the same seal says so, in a record signed by the member's
 * own key, in the root's `challenges` map. Every replica then opens and bridges zones at the
 * newest cut nobody challenged (world-cut.ts `newestCut`), so a joiner pays for more history
 * instead of believing a false state.
 *
 *   const text = signChallenge(identity, { world, cut: '2.<id>', zone: 'harbor', seal, own });
 *   readChallenge(key, text, { world });   // Challenge | null
 *   challengedCuts(root.challenges, …);     // the cut keys someone challenged
 *
 * What a challenge proves: nothing by itself (the history it rests on is in the older epoch, for
 * anyone to fold). So a member can make joiners fold more than they need to, never make them
 * believe a state: a cut is only ever skipped, not replaced. That is the trade the design makes,
 * and such a member can be banned. Only members listed in the roster count.
 */
import { z } from 'zod/mini';
import { canonicalJson } from '../../content/canonical.ts';
import { Id } from '../../content/id.ts';
import { fromBase64Url, toBase64Url, utf8ToBytes } from '../intent/bytes.ts';
import { signBytes, verifyBytes, type Identity } from '../intent/identity.ts';
import { playerIdOf } from '../intent/player-id.ts';
import { readIntent } from '../intent/intent.ts';
import { Hex64 } from '../intent/sync-action.ts';
import { Verifier } from '../intent/verifier.ts';
import type { ZoneDoc } from './world-docs.ts';

const PREFIX = 'vetrellis/challenge/v1\n';
/** The map of a root document that holds challenges, `<cut key>/<zone>/<player>` -> signed record. */
export const CHALLENGES_MAP = 'challenges';

const ChallengeSchema = z.strictObject({
  v: z.literal(1),
  world: Hex64,
  /** The challenged cut's key in the root's `cuts` map (`<epoch>.<id>`). */
  cut: z.string().check(z.regex(/^[1-9][0-9]{0,6}\.(?:o[0-9a-f]{15}|[0-9a-f]{16})$/)),
  zone: Id,
  /** The seal the cut's snapshot names for the zone. */
  seal: z.string().check(z.maxLength(128)),
  /**
   * What the challenger holds instead: the hash of the snapshot its own fold gives at that seal,
   * or the state hash the seal itself names in the challenger's copy of the log.
   */
  own: Hex64,
  /** The challenger's public key (base64url); the player id is its hash. */
  publicKey: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  sig: z.string().check(z.regex(/^[A-Za-z0-9_-]{86}$/)),
});
export type Challenge = z.infer<typeof ChallengeSchema> & { readonly by: string };
type Claim = Omit<Challenge, 'v' | 'publicKey' | 'sig' | 'by'>;

function bodyOf(c: Omit<Challenge, 'sig' | 'by'>): string {
  return PREFIX + canonicalJson({ v: c.v, world: c.world, cut: c.cut, zone: c.zone, seal: c.seal, own: c.own, publicKey: c.publicKey });
}

/** The key a challenge is stored under: one per cut, zone and challenger. */
export function challengeKey(c: { readonly cut: string; readonly zone: string; readonly by: string }): string {
  return `${c.cut}/${c.zone}/${c.by}`;
}

/** A member's challenge, as the canonical text stored in the root, and its key. */
export function signChallenge(member: Identity, c: Claim): { readonly key: string; readonly text: string } {
  const body = { v: 1 as const, world: c.world, cut: c.cut, zone: c.zone, seal: c.seal, own: c.own, publicKey: toBase64Url(member.publicKey) };
  const sig = toBase64Url(signBytes(member, utf8ToBytes(bodyOf(body))));
  return { key: challengeKey({ ...c, by: member.player }), text: canonicalJson({ ...body, sig }) };
}

/** A stored challenge, if it is canonical, of this world, signed by the key its place names; null for anything else. */
export function readChallenge(key: string, text: unknown, expect: { readonly world: string }): Challenge | null {
  if (typeof text !== 'string' || text.length > 4096) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const r = ChallengeSchema.safeParse(parsed);
  if (!r.success || r.data.world !== expect.world || canonicalJson(r.data) !== text) return null;
  const pk = fromBase64Url(r.data.publicKey);
  const sig = fromBase64Url(r.data.sig);
  if (pk === null || sig === null) return null;
  const by = playerIdOf(pk);
  if (challengeKey({ ...r.data, by }) !== key || !verifyBytes(pk, utf8ToBytes(bodyOf(r.data)), sig)) return null;
  return { ...r.data, by };
}

/**
 * The state hash the owner's seal `sealId` names, as this device's copy of an older epoch holds
 * it (null: the copy does not hold that seal, or what is there is not the owner's seal). A cut
 * whose snapshot names another state for that seal contradicts a signed entry of the log, and
 * a device that kept the log can say so without folding it (`ZoneSet` does, as it opens a zone
 * at a cut while it still keeps an older copy).
 */
export function loggedSealState(doc: ZoneDoc, sealId: string, expect: { readonly world: string; readonly zone: string; readonly owner: string | null }): string | null {
  const value = doc.intents.get(sealId);
  if (value === undefined || expect.owner === null) return null;
  const r = readIntent(sealId, doc.intentText(sealId, value), { world: expect.world, zone: expect.zone }, new Verifier());
  if (!r.ok || r.intent.player !== expect.owner || r.intent.action.kind !== 'seal') return null;
  return r.intent.action.state;
}
