/**
 * The journal through the `--json` agent API and the terminal (issue 17): `observation.quests`
 * in every reply, JOURNAL answered with no intent, a finished stage in the events.
 */
import { describe, expect, it } from 'vitest';
import type { GameEvent } from '../../src/engine/index.ts';
import type { Observation } from '../../src/session/observation.ts';
import { replies, runAgent } from './helpers.ts';

type Reply = { intents: unknown[]; text: string; events: GameEvent[]; observation: Observation };

describe('the journal in --json', () => {
  it('every observation carries quests; journal writes no intent; a stage done is an event', async () => {
    const { stdout, code } = await runAgent(['journal', 'in', 'quests']);
    expect(code).toBe(0);
    const [journal, enter, quests] = replies(stdout) as unknown as Reply[];
    expect(journal!.intents).toEqual([]);
    expect(journal!.text).toContain("[ ] Look in at the harbormaster's office");
    expect(journal!.observation.quests).toEqual([expect.objectContaining({
      id: 'nobody-met-the-boat', name: 'Nobody Met the Boat', status: 'active', stage: 'the-empty-office',
      objectives: [{ text: "Look in at the harbormaster's office", done: false }],
    })]);
    expect(enter!.events).toContainEqual(expect.objectContaining({ type: 'quest-stage-done', quest: 'nobody-met-the-boat', stage: 'the-empty-office' }));
    expect(quests!.intents).toEqual([]);
    expect(quests!.observation.quests[0]).toMatchObject({ stage: 'ask-in-the-village', objectives: [{ done: false }] });
  });
});
