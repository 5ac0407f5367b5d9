/**
 * Which recipe CRAFT means when the name fits several ("craft copper", "forge copper" at the
 * smithy): what the player could make right now wins, then what can be worked where they stand,
 * then things whose own name holds the words over those matched by an adjective (the machete is
 * "copper" only by its blade). One left is made; several left are asked about, naming only them.
 *
 *   const out = need(cmd, 0, RECIPE, 'What do you want to craft?');
 *   if (!isResolved(out)) return narrowCraft(cmd, out) ?? out;
 */
import type { ScopeEntity } from '../engine/scope.ts';
import { steps, the, type Cmd, type Outcome } from './act-kit.ts';
import { orList } from './words.ts';

/** The candidates a CRAFT question keeps, by the first test that leaves any. */
function narrowed(cands: readonly ScopeEntity[], words: readonly string[]): readonly ScopeEntity[] {
  const byName = (e: ScopeEntity) => words.every((w) => e.name.toLowerCase().split(/\s+/).includes(w) || e.aliases.some((a) => a.toLowerCase().split(/\s+/).includes(w)));
  let out = cands;
  for (const keep of [(e: ScopeEntity) => e.craft === 'ready', (e: ScopeEntity) => e.craft !== 'elsewhere', byName]) {
    const kept = out.filter(keep);
    if (kept.length > 0) out = kept;
    if (out.length === 1) break;
  }
  return out;
}

/** An ambiguous CRAFT among recipes, narrowed (undefined: not a question about recipes, leave it as it is). */
export function narrowCraft(cmd: Cmd, out: Outcome, np = 0): Outcome | undefined {
  if (out.kind !== 'ask' || out.status !== 'ambiguous') return undefined;
  const cands = out.candidates.map((id) => cmd.scope.entities.find((e) => e.id === id && e.kind === 'recipe'));
  if (cands.length < 2 || cands.some((e) => e === undefined)) return undefined;
  const words = (cmd.m.nps[np]?.words ?? []).map((w) => w.toLowerCase());
  const left = narrowed(cands as ScopeEntity[], words);
  if (left.length === 1) return steps([{ action: { kind: 'craft', target: left[0]!.id }, note: `(${the(left[0]!)})` }], []);
  if (left.length === cands.length) return undefined;
  return { ...out, text: `Which do you mean, ${orList(left.map((e) => e.name))}?`, candidates: left.map((e) => e.id) };
}
