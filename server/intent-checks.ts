// What the relay judges about a zone log's entries without the world key (docs/relay.md, "What
// the relay refuses without the world key"): each entry's check, by the replicas' own code
// (checkEnvelope: a canonical envelope, its key the sha256 of its body, signed by the key it carries).
// Not whether it belongs to the room's world and zone: the relay cannot learn those from the room's
// name (a hash of the secret world key), and guessing them from the first entry would let one
// member pin an unvisited zone to another world (docs/relay.md). Verdicts are memoised per room
// (bounded); a signature that fails is charged to its writer's address, and once that budget is
// spent the relay stops verifying for it.
//
//   const judge = checks.forUpdate(failures); judge(key, value) // 'sound' | LogJunk | 'unchecked'
import { checkEnvelope, MAX_ARRIVE_CHARS } from '../src/sync/intent/intent.ts';
import { looksSealed } from '../src/sync/world/world-cipher.ts';
import { verifyEd25519 } from './ed25519.ts';
import { Verifier } from '../src/sync/intent/verifier.ts';
import type { TokenBucket } from './limits.ts';

export type LogJunk = 'log/id-mismatch' | 'log/bad-signature';
export type Judge = (key: string, value: unknown) => 'sound' | LogJunk | 'unchecked';

/** Per loaded room; an honest zone holds far fewer distinct intents between two unloads. */
const BOUNDS = { maxSound: 20_000, maxSoundChars: 8 * 1024 * 1024, maxFailed: 20_000 };
/** The longest sealed entry an intent can make (world-cipher.ts: prefix, base64url of its IV and UTF-8 text), with room to spare. */
const SEALED_MAX_CHARS = 3 + Math.ceil(((12 + MAX_ARRIVE_CHARS * 4 + 16) * 4) / 3);
export class IntentChecks {
  private readonly verifier = new Verifier(BOUNDS);

  /** `checkSignatures` false: an entry whose signature is all that is left to check passes unverified. */
  constructor(private readonly checkSignatures = true) {}

  /** Signatures verified for real (not answered from memory) in this room. */
  get checks(): number {
    return this.verifier.stats().checks;
  }

  /** A judge for the entries of one update; `failures` is charged for each signature that fails. */
  forUpdate(failures: TokenBucket | null): Judge {
    return (key, value) => {
      // A private world's entry (docs/links.md "Private worlds"): ciphertext the relay cannot
      // read, so it cannot judge it either; the replicas do, after opening it. Bounded in size
      // like the largest intent (base64 of it, its nonce and tag); room budgets bound the rest.
      if (looksSealed(value)) return (value as string).length <= SEALED_MAX_CHARS ? 'sound' : 'log/id-mismatch';
      const checks = this.checks;
      const check = checkEnvelope(key, value, this.verifier, () => this.checkSignatures && (failures === null || failures.has(Date.now())), verifyEd25519);
      if (!check.ok && check.reason !== 'intent/unchecked') {
        if (check.reason === 'intent/bad-signature' && this.checks > checks) failures?.take(Date.now());
        return check.reason === 'intent/bad-signature' || check.reason === 'intent/key-mismatch' ? 'log/bad-signature' : 'log/id-mismatch';
      }
      // Unchecked: out of budget, or the operator turned signature checks off (then it passes).
      return !check.ok && this.checkSignatures ? 'unchecked' : 'sound';
    };
  }
}
