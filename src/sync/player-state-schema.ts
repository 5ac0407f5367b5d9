/**
 * A zod schema for the engine's PlayerState, for the one place a player state crosses the
 * network: the `arrive` intent that carries a player into a zone. Bounded so a hostile arrival
 * cannot bloat a replica. Kept assignable to the engine's interface (checked below).
 */
import { z } from 'zod';
import { Id, Slot } from '../content/schema.ts';
import type { PlayerState } from '../engine/state.ts';

const Small = z.number().int().min(0).max(1_000_000_000);

export const PlayerStateSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{64}$/),
    name: z.string().trim().min(1).max(32),
    location: Id,
    hp: Small,
    mp: Small,
    sp: Small,
    level: z.number().int().min(1).max(10_000),
    exp: Small,
    inventory: z.array(z.object({ item: Id, qty: z.number().int().min(1).max(1_000_000) }).strict()).max(200),
    equipment: z.partialRecord(Slot, Id),
    effects: z.array(z.object({ id: Id, turnsLeft: z.number().int().min(0).max(1_000_000) }).strict()).max(50),
    visited: z.array(Id).max(2_000),
    gifts: z.array(Id).max(2_000),
    fighting: Id.nullable(),
    turns: Small,
    firstVisit: z.boolean().optional(),
  })
  .strict();
export type PlayerStateData = z.infer<typeof PlayerStateSchema>;

// Compile-time checks: what the schema accepts is a valid engine PlayerState, and the schema
// names every PlayerState field (tsc fails here when the engine adds one).
const _assignable = (p: PlayerStateData): PlayerState => p;
void _assignable;
type MissingFields = Exclude<keyof PlayerState, keyof PlayerStateData>;
const _complete: [MissingFields] extends [never] ? true : MissingFields = true;
void _complete;
