/**
 * A player fresh off the boat on the real isle, in memory, and how tests put questions to them
 * (HOW DO I, WHAT CAN I CRAFT, WHERE IS ...): a question writes nothing, so the reply carries no
 * intent and the world's tick does not move.
 *
 *   const s = newPlayer(); await run(s, 'west'); expect(await ask(s, 'what can I craft')).toContain(...)
 */
import { expect } from 'vitest';
import { LocalWorld, memoryLogStore } from '../../src/session/local-world.ts';
import { Session } from '../../src/session/index.ts';
import { vetrellis } from '../golden/transcript.ts';

/** A session on a world kept in memory (seed 3 unless told), each command 10 s of game time later. */
export function newPlayer(seed = 3): Session {
  let t = 0;
  const session = new Session(LocalWorld.open(vetrellis(), memoryLogStore(seed)), { name: 'Ana', clock: () => (t += 1) * 10_000 });
  session.start();
  return session;
}

/** Types each line in turn. */
export async function run(session: Session, ...lines: string[]): Promise<void> {
  for (const l of lines) await session.handle(l);
}

/** The reply to a question, and that it wrote nothing. */
export async function ask(session: Session, line: string): Promise<string> {
  const tick = session.world.state.tick;
  const reply = await session.handle(line);
  expect(reply.intents, line).toEqual([]);
  expect(session.world.state.tick, `${line} wrote nothing`).toBe(tick);
  return reply.text;
}
