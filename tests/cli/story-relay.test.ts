/**
 * The main story from the boat to the epilogue as `--json` input, played by two terminal clients
 * (child processes, `--clock turns`, the agent default) that share one world through the
 * project's relay process (issue 17: the walkthrough run in memory, in a kept world, and here
 * through the real relay). Ana makes the world in her folder and prints its link; Bo joins it by
 * that link from his own folder, and does his part of the story with her: the sluice wheel and
 * the adit lever in different rooms, the fallen prop lifted together, the fights side by side.
 * The lines and checks are the same as in memory (tests/session/story-walk.ts). At the end the
 * epilogue is told, and Bo's own observation shows the world's end: every quest of the story done,
 * the lamp lit (Archon's line after it), and his copy of the harbor the same as Ana's.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoryWalk, STORY, type WalkReply, type Walker } from '../session/story-walk.ts';
import { relayForFile, startAgent, type LiveAgent } from './helpers.ts';

const { tmp, relay } = relayForFile('story');

const walkerOf = (name: string, agent: LiveAgent): Walker => ({ name, send: async (line) => (await agent.send(line)) as unknown as WalkReply });

describe('the main story through the project relay, two --json clients', () => {
  it('Ana and Bo play from the boat to the epilogue; Bo, the second client, sees the world end in his observation', async () => {
    const ana = startAgent(['--world', join(tmp, 'ana'), '--relay', relay.url, '--name', 'Ana']);
    let bo: LiveAgent | undefined;
    try {
      const first = await ana.send('look');
      expect(first.observation.location.id).toBe('harbor-quay');
      const link = first.observation.world.link!;
      expect(link).toMatch(/#\/w\//);
      bo = startAgent(['--world', join(tmp, 'bo'), '--join', link, '--name', 'Bo']);
      const joined = await bo.send('look');
      expect(joined.observation.location.id).toBe('harbor-quay');
      const walk = new StoryWalk(walkerOf('Ana', ana), walkerOf('Bo', bo));
      await walk.synced();

      await walk.playMainStory();

      // The epilogue was told to Ana as she came down to the quay (asserted in the walk); Bo, the
      // other process, reads the world's end in his own observation.
      const [boW, anaW] = [walk.bo, walk.ana];
      const journal = (await walk.look(boW)).observation.quests;
      expect(STORY.map((id) => journal.find((q) => q.id === id)?.status)).toEqual(STORY.map(() => 'done'));
      expect(walk.told.get(boW)!.join('\n')).toContain('Quest complete: Who Met the Boat.');
      expect(walk.told.get(boW)!.join('\n')).toContain('Eleven years I sat beside a cold lamp');
      expect(walk.last.get(boW)!.observation.location?.id).toBe('harbor-quay');
      expect(walk.last.get(anaW)!.observation.location?.id).toBe('harbor-quay');
      // Both processes hold the same harbor, through the relay.
      await walk.synced();
      console.log(`walkthrough through the relay: ${walk.commands} commands for two --json clients`);
    } finally {
      expect(await ana.close()).toBe(0);
      if (bo) expect(await bo.close()).toBe(0);
    }
  }, 600_000);
});
