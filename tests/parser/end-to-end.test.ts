// The LLM path wired end to end: a Session over the real content, whose parser is the chain with
// an OpenAI-compatible engine talking to a stand-in HTTP server. Free phrasing the rules do not
// know reaches the world only as validated intents; a lying server changes nothing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/content/node-load.ts';
import { ChainParser, LlmParser, OpenAiChatEngine, RuleParser } from '../../src/parser/index.ts';
import { LocalWorld, memoryLogStore } from '../../src/session/local-world.ts';
import { Session } from '../../src/session/session.ts';

let answer = '';
let server: Server;
let url = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: answer } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function play() {
  let t = 0;
  const parser = new ChainParser(new RuleParser(), new LlmParser(new OpenAiChatEngine(url)));
  const session = new Session(LocalWorld.open(loadContentDir(), memoryLogStore(3)), { name: 'Ana', clock: () => (t += 1) * 10_000, parser });
  session.start();
  return session;
}

describe('chain parser in a session (stand-in OpenAI-compatible server)', () => {
  it('a phrasing the rules do not know becomes a validated intent in the world', async () => {
    const session = play();
    answer = JSON.stringify({ intents: [{ kind: 'move', dir: 'west' }] });
    const r = await session.handle('mosey on over to the beach');
    expect(r.intents).toEqual([{ kind: 'move', dir: 'west' }]);
    expect(session.observe().location?.id).toBe('driftwood-beach');
  });

  it('an answer naming something not in scope changes nothing', async () => {
    const session = play();
    answer = JSON.stringify({ intents: [{ kind: 'take', target: 'black-pearl' }] });
    const before = session.observe().stateHash;
    const r = await session.handle('yoink the treasure');
    expect(r.intents).toEqual([]);
    expect(r.status).toBe('unknown-verb');
    expect(session.observe().stateHash).toBe(before);
  });

  it('the rules still answer what they understand, without asking the server', async () => {
    const session = play();
    answer = 'not json at all';
    const r = await session.handle('go west');
    expect(r.intents).toEqual([{ kind: 'move', dir: 'west' }]);
  });
});
