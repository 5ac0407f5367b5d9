// What the relay judges about a zone log's entries without the world key (docs/relay.md, "What
// the relay refuses without the world key"): each entry's check, by the replicas' own code
// (checkEnvelope: a canonical envelope, its key the sha256 of its body, signed by the key it carries),
// and that it belongs to the room's world and zone. The relay cannot learn those from the room's
// name (a hash of the secret world key), so a room's world and zone are those of the sound
// entries it already stores, or of the first sound entry of the update that starts its log.
// Verdicts are memoised per room (bounded); a signature that fails is charged to its writer's
// address, and once that budget is spent the relay stops verifying for it.
//
//   const judge = checks.forUpdate(log, failures); judge(key, value) // 'sound' | LogJunk | 'unchecked'
import { checkEnvelope } from '../src/sync/intent/intent.ts';
import { verifyEd25519 } from './ed25519.ts';
import { Verifier } from '../src/sync/intent/verifier.ts';
import type { TokenBucket } from './limits.ts';

export type LogJunk = 'log/id-mismatch' | 'log/bad-signature' | 'log/wrong-world';
export type Judge = (key: string, value: unknown) => 'sound' | LogJunk | 'unchecked';

/** A room's log as the relay's document holds it: live entries by key. */
interface LogEntries {
  readonly _map: ReadonlyMap<string, { deleted: boolean; content: { getContent(): unknown[] }; length: number }>;
}

/** Per loaded room; an honest zone holds far fewer distinct intents between two unloads. */
const BOUNDS = { maxSound: 20_000, maxSoundChars: 8 * 1024 * 1024, maxFailed: 20_000 };
/** Stored entries looked at to learn the room's world and zone (junk stored before these checks may come first). */
const PIN_PROBES = 16;

type Place = { readonly world: string; readonly zone: string };

export class IntentChecks {
  private readonly verifier = new Verifier(BOUNDS);
  private pin: Place | null = null;

  /** `checkSignatures` false: an entry whose signature is all that is left to check passes unverified. */
  constructor(private readonly checkSignatures = true) {}

  /** Signatures verified for real (not answered from memory) in this room. */
  get checks(): number {
    return this.verifier.stats().checks;
  }

  /** A judge for the entries of one update; `failures` is charged for each signature that fails. */
  forUpdate(log: LogEntries | undefined, failures: TokenBucket | null): Judge {
    let place = this.pin ?? this.probe(log);
    return (key, value) => {
      const checks = this.checks;
      const check = checkEnvelope(key, value, this.verifier, () => this.checkSignatures && (failures === null || failures.has(Date.now())), verifyEd25519);
      if (!check.ok && check.reason !== 'intent/unchecked') {
        if (check.reason === 'intent/bad-signature' && this.checks > checks) failures?.take(Date.now());
        return check.reason === 'intent/bad-signature' || check.reason === 'intent/key-mismatch' ? 'log/bad-signature' : 'log/id-mismatch';
      }
      // Unchecked: out of budget, or the operator turned signature checks off (then it passes).
      if (!check.ok && this.checkSignatures) return 'unchecked';
      const here = (place ??= { world: check.world, zone: check.zone });
      return check.world === here.world && check.zone === here.zone ? 'sound' : 'log/wrong-world';
    };
  }

  /** The world and zone of the first sound entry among the first stored ones, kept once found. */
  private probe(log: LogEntries | undefined): Place | null {
    if (log === undefined) return null;
    let probes = 0;
    for (const [key, item] of log._map) {
      if (item.deleted) continue;
      const check = checkEnvelope(key, item.content.getContent()[item.length - 1], this.verifier, undefined, verifyEd25519);
      if (check.ok) return (this.pin = { world: check.world, zone: check.zone });
      if (++probes >= PIN_PROBES) break;
    }
    return null;
  }
}
