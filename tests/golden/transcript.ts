/**
 * Golden transcripts: a file of `> command` lines, each followed by the game's exact reply.
 * `playTranscript` replays the commands through a real session (rule parser, engine, narrator)
 * on a fresh world with the turn clock, so the same file always yields the same prose.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Content } from '../../src/content/schema.ts';
import { loadContentDir } from '../../src/content/node-load.ts';
import type { GameEvent } from '../../src/engine/index.ts';
import { LocalWorld, memoryLogStore } from '../../src/session/local-world.ts';
import { Session, type Observation, type Reply } from '../../src/session/index.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

let content: Content | undefined;
export function vetrellis(): Content {
  content ??= loadContentDir(resolve(ROOT, 'content/vetrellis'));
  return content;
}

export function commandsOf(transcript: string): string[] {
  return transcript.split('\n').filter((l) => l.startsWith('> ')).map((l) => l.slice(2));
}

export interface Played {
  readonly transcript: string;
  readonly replies: readonly Reply[];
  /** Every event the local player's commands produced, in order. */
  readonly events: readonly GameEvent[];
  /** What the player's observation says once the last command is answered. */
  readonly observation: Observation;
}

export async function playTranscript(commands: readonly string[], seed = 1): Promise<Played> {
  const world = LocalWorld.open(vetrellis(), memoryLogStore(seed));
  const events: GameEvent[] = [];
  const submit = world.submit.bind(world);
  world.submit = (action, at) => {
    const r = submit(action, at);
    events.push(...r.events);
    return r;
  };
  let turn = 0;
  const session = new Session(world, { name: 'Wanderer', clock: () => (turn += 1) * 10_000 });
  const out: string[] = [session.start().text];
  const replies: Reply[] = [];
  for (const command of commands) {
    const reply = await session.handle(command);
    replies.push(reply);
    // As the terminal prints it: the news first (an islander's doings here), then the reply.
    out.push(`> ${command}`, ...reply.news, reply.text);
  }
  return { transcript: out.join('\n') + '\n', replies, events, observation: session.observe() };
}

export function readTranscript(name: string): string {
  return readFileSync(resolve(import.meta.dirname, name), 'utf8');
}
