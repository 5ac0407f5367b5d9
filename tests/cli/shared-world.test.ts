/**
 * Two terminal clients in one world through a real relay process: the second joins with the
 * first one's share link, sees what the first did, and both reach the same state; a player who
 * left is described asleep; a TELL reaches a player in another zone (in --json: news and a
 * 'told' news event), and one whose client has left is asleep; a world made with other content
 * says so; the owner names a moderator, and --json gives each their role and the members.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replies, ROOT, runAgent, runClient, startAgent, startClient, relayForFile, type AgentReply, type LiveAgent } from './helpers.ts';

const { tmp, relay } = relayForFile('shared');

describe('two terminal clients through the relay', () => {
  it('share a world by link and converge on the same state', async () => {
    const ana = replies((await runAgent(['go west', 'gather driftwood', 'say the beach is ours'], ['--world', join(tmp, 'ana'), '--relay', relay.url, '--name', 'Ana'])).stdout);
    const link = ana[2]!.observation.world.link;
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/w\/[A-Za-z0-9_-]+$/);
    expect(ana[1]!.observation.here.nodes.find((n) => n.id === 'driftwood-pile')?.remaining).toBe(8);

    const bo = replies((await runAgent(['go west', 'look', 'who'], ['--world', join(tmp, 'bo'), '--join', link!, '--name', 'Bo'])).stdout);
    expect(bo[1]!.observation.world.id).toBe(ana[2]!.observation.world.id);
    // The world is Ana's: her terminal made it, and its key names her (issue 19's owner).
    expect(ana[2]!.observation.world.owner).toBe(ana[2]!.observation.player!.id);
    expect(bo[1]!.observation.world.owner).toBe(ana[2]!.observation.player!.id);
    expect(bo[2]!.text).toContain('Ana, who made this isle, at the Driftwood Beach, asleep.');
    // Ana's client has exited: her character stays on the beach, asleep.
    expect(bo[1]!.observation.here.players.map((p) => [p.name, p.online])).toEqual([['Ana', false]]);
    expect(bo[1]!.observation.world.contentMismatch).toBe(false);
    expect(bo[1]!.observation.here.nodes.find((n) => n.id === 'driftwood-pile')?.remaining).toBe(8);
    expect(bo[1]!.text).toContain('Ana is here, fast asleep.');

    // HELP reads without writing, so both replicas can be compared as they stand.
    const anaAgain = replies((await runAgent(['look', 'help'], ['--world', join(tmp, 'ana')])).stdout);
    expect(anaAgain[0]!.observation.here.players.map((p) => p.name)).toEqual(['Bo']);
    expect(anaAgain[0]!.text).toContain('Bo is here, fast asleep.');
    const boAgain = replies((await runAgent(['help'], ['--world', join(tmp, 'bo')])).stdout);
    expect(boAgain[0]!.observation.turn).toBe(anaAgain[1]!.observation.turn);
    expect(boAgain[0]!.observation.stateHash).toBe(anaAgain[1]!.observation.stateHash);
  }, 120_000);

  it('MODERATOR ADD in the terminal: --json gives each their role and the members', async () => {
    const ana = replies((await runAgent(['look'], ['--world', join(tmp, 'ana-mods'), '--relay', relay.url, '--name', 'Ana'])).stdout);
    const link = ana[0]!.observation.world.link!;
    expect(ana[0]!.observation.world.role).toBe('owner');
    const bo = replies((await runAgent(['look'], ['--world', join(tmp, 'bo-mods'), '--join', link, '--name', 'Bo'])).stdout);
    expect(bo[0]!.observation.world.role).toBe('player');
    const named = replies((await runAgent(['moderator add Bo', 'members'], ['--world', join(tmp, 'ana-mods')])).stdout);
    expect(named[0]!.text).toContain('Bo is now a moderator');
    expect(named[1]!.text).toContain('Bo (moderator)');
    expect(named[1]!.observation.world.members.map((m) => [m.name, m.role, m.banned, m.muted, m.you])).toEqual([['Ana', 'owner', false, false, true], ['Bo', 'moderator', false, false, false]]);
    const boAgain = replies((await runAgent(['members'], ['--world', join(tmp, 'bo-mods')])).stdout);
    expect(boAgain[0]!.observation.world.role).toBe('moderator');
    expect(boAgain[0]!.text).toContain('Bo (moderator, you)');
  }, 120_000);

  it('describe a player awake while their client is connected, and asleep once it has left', async () => {
    const ana = startAgent(['--world', join(tmp, 'ana2'), '--relay', relay.url, '--name', 'Ana']);
    let bo: LiveAgent | undefined;
    try {
      const link = (await ana.send('look')).observation.world.link!;
      bo = startAgent(['--world', join(tmp, 'bo2'), '--join', link, '--name', 'Bo']);
      // Presence comes through the relay a moment after the world's documents.
      const awake = await lookUntil(bo, (r) => r.text.includes('Ana is here.'));
      expect(awake.text).not.toContain('asleep');
      expect(awake.observation.here.players.map((p) => [p.name, p.online])).toEqual([['Ana', true]]);

      expect(await ana.close()).toBe(0);
      const asleep = await lookUntil(bo, (r) => r.text.includes('Ana is here, fast asleep.'));
      expect(asleep.text).not.toMatch(/^Ana is here\.$/m);
      expect(asleep.observation.here.players.map((p) => [p.name, p.online])).toEqual([['Ana', false]]);
    } finally {
      await ana.close();
      await bo?.close();
    }
  }, 120_000);

  it('TELL reaches a player in another zone: in --json as news and a told event; asleep once she has left', async () => {
    const ana = startAgent(['--world', join(tmp, 'ana-tell'), '--relay', relay.url, '--name', 'Ana']);
    let bo: LiveAgent | undefined;
    try {
      expect((await ana.send('north')).observation.location.id).toBe('village-square');
      const link = (await ana.send('look')).observation.world.link!;
      bo = startAgent(['--world', join(tmp, 'bo-tell'), '--join', link, '--name', 'Bo']);
      const told = await sendUntil(bo, 'tell ana the tide is turning', (r) => r.status === 'ok');
      expect(told.text).toBe('You tell Ana, "the tide is turning"');
      const heard = await sendUntil(ana, 'look', (r) => r.news.length > 0) as AgentReply & { newsEvents: unknown[] };
      expect(heard.news).toEqual(['Bo tells you from the Harbor, "the tide is turning"']);
      expect(heard.newsEvents).toEqual([{ type: 'told', player: expect.any(String), name: 'Bo', zone: 'harbor', text: 'the tide is turning' }]);

      expect(await ana.close()).toBe(0);
      const asleep = await sendUntil(bo, 'tell ana are you there?', (r) => r.status === 'refused');
      expect(asleep.text).toBe('Ana is asleep and cannot hear you: a tell reaches only someone who is playing now.');
    } finally {
      await ana.close();
      await bo?.close();
    }
  }, 120_000);

  it('TELL shows at a person\'s prompt as it arrives, with no control bytes when the output is not a terminal', async () => {
    const ana = startClient(['--world', join(tmp, 'ana-human'), '--relay', relay.url, '--name', 'Ana']);
    let bo: LiveAgent | undefined;
    try {
      ana.type('north');
      await until(() => /Share link: (\S+)/.test(ana.stdout()) && ana.stdout().includes('Village Square'));
      bo = startAgent(['--world', join(tmp, 'bo-human'), '--join', /Share link: (\S+)/.exec(ana.stdout())![1]!, '--name', 'Bo']);
      expect((await sendUntil(bo, 'tell ana the ferry is back', (r) => r.status === 'ok')).text).toBe('You tell Ana, "the ferry is back"');
      await until(() => ana.stdout().includes('Bo tells you from the Harbor, "the ferry is back"'));
      // It wrote "\r\x1b[K" into the pipe before the news.
      expect(ana.stdout()).not.toContain('\x1b');
    } finally {
      await ana.close();
      await bo?.close();
    }
  }, 120_000);

  it('says so when the world was made with another version of the content', async () => {
    const ana = replies((await runAgent(['look'], ['--world', join(tmp, 'ana3'), '--relay', relay.url, '--name', 'Ana'])).stdout);
    expect(ana[0]!.observation.world.contentMismatch).toBe(false);
    const other = join(tmp, 'content-other');
    cpSync(join(ROOT, 'content/vetrellis'), other, { recursive: true });
    const worldFile = join(other, 'world.yaml');
    writeFileSync(worldFile, readFileSync(worldFile, 'utf8').replace('Nobody came to meet the boat.', 'Nobody came to meet the boat at all.'));

    const args = ['--world', join(tmp, 'cy3'), '--join', ana[0]!.observation.world.link!, '--name', 'Cy', '--content', other];
    const human = await runClient(['quit'], args);
    expect(human.code).toBe(0);
    expect(human.stdout.split('\n')[0]).toBe('This world was made with a different version of Vetrellis. Some things may not match for everyone.');
    const cy = replies((await runAgent(['look'], ['--world', join(tmp, 'cy3'), '--content', other])).stdout);
    expect(cy[0]!.observation.world.contentMismatch).toBe(true);
    // The client's own version of the world is one it plays as usual.
    expect(cy[0]!.status).toBe('ok');
    const same = await runClient(['quit'], ['--world', join(tmp, 'ana3')]);
    expect(same.stdout).not.toContain('different version');
  }, 120_000);

  it('refuses a link that names no world, clearly', async () => {
    const { code, stderr, stdout } = await runAgent(['look'], ['--world', join(tmp, 'cy'), '--join', 'http://example.invalid/#/w/short']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/not a Vetrellis world link/);
  }, 60_000);
});

/** Looks every quarter second (up to 15 s) until the reply is what `ready` waits for. */
function lookUntil(agent: LiveAgent, ready: (r: AgentReply) => boolean): Promise<AgentReply> {
  return sendUntil(agent, 'look', ready);
}

/** Sends `line` every quarter second (up to 15 s) until the reply is what `ready` waits for (presence and tells come a moment after documents). */
async function sendUntil(agent: LiveAgent, line: string, ready: (r: AgentReply) => boolean): Promise<AgentReply> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const reply = await agent.send(line);
    if (ready(reply) || Date.now() > deadline) return reply;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function until(ok: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
