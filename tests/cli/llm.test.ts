/**
 * `--llm URL`: the terminal client asks an OpenAI-compatible server (here a stand-in started by
 * the test) only for phrasing the rule parser does not know, and only validated intents reach
 * the game; a server talking nonsense changes nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replies, runAgent } from './helpers.ts';

let server: Server;
let base = '';
const asked: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const command = /COMMAND: (".*")/.exec(JSON.parse(body).messages[1].content)?.[1] ?? '""';
      asked.push(JSON.parse(command) as string);
      const answers: Record<string, string> = {
        'amble over toward the shingle': '{"intents":[{"kind":"move","dir":"west"}]}',
        'conjure a dragon': '{"intents":[{"kind":"take","target":"dragon"}]}',
      };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ choices: [{ message: { content: answers[JSON.parse(command) as string] ?? 'I think you should go west!' } }] }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('the terminal client with --llm', () => {
  it('turns free phrasing into a validated intent and never consults the model for known commands', async () => {
    const out = replies((await runAgent(['look', 'amble over toward the shingle', 'conjure a dragon', 'sing a shanty loudly please'], ['--llm', base])).stdout);
    expect(asked).not.toContain('look');
    expect(out[1]).toMatchObject({ status: 'ok', intents: [{ kind: 'move', dir: 'west' }] });
    expect(out[1]!.observation.location.id).toBe('driftwood-beach');
    // An entity not in scope and plain model text are both refused: nothing reaches the world.
    expect(out[2]!.intents).toEqual([]);
    expect(out[2]!.observation.stateHash).toBe(out[1]!.observation.stateHash);
    expect(out[3]!.observation.stateHash).toBe(out[1]!.observation.stateHash);
  }, 60_000);
});
