// The OpenAI-compatible engine against a stand-in HTTP server started here (node:http): what it
// sends, what it does with good, failing and slow servers, end to end through the chain parser.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainParser } from '../../src/parser/chain-parser.ts';
import { LlmParser } from '../../src/parser/llm-parser.ts';
import { completionsUrl, OpenAiChatEngine } from '../../src/parser/openai-engine.ts';
import { RuleParser } from '../../src/parser/rule-parser.ts';
import { harbor } from './fixtures.ts';

type Handler = (body: Record<string, unknown>, res: ServerResponse) => void;
let handler: Handler = () => {};
const seen: { url: string; auth?: string; body: Record<string, unknown> }[] = [];
let server: Server;
let base = '';

function reply(res: ServerResponse, content: string, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }));
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let data = '';
    req.on('data', (c: Buffer) => { data += c.toString(); });
    req.on('end', () => {
      const body = JSON.parse(data) as Record<string, unknown>;
      seen.push({ url: req.url ?? '', auth: req.headers.authorization, body });
      handler(body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('OpenAI-compatible engine', () => {
  it('normalises the server URL to the completions endpoint', () => {
    expect(completionsUrl('http://h:8080')).toBe('http://h:8080/v1/chat/completions');
    expect(completionsUrl('http://h:8080/v1/')).toBe('http://h:8080/v1/chat/completions');
    expect(completionsUrl('http://h/api/chat/completions')).toBe('http://h/api/chat/completions');
  });

  it('sends a json_schema response format, temperature 0 and the seed, and reads the answer', async () => {
    handler = (_b, res) => reply(res, JSON.stringify({ intents: [{ kind: 'take', target: 'lantern' }] }));
    const engine = new OpenAiChatEngine(base, { model: 'qwen2.5-0.5b-instruct', apiKey: 'k' });
    const r = await new ChainParser(new RuleParser(), new LlmParser(engine, { seed: 11 })).parse('yoink the lamp', harbor);
    expect(r).toMatchObject({ status: 'ok', source: 'llm', intents: [{ kind: 'take', target: 'lantern' }] });
    const last = seen[seen.length - 1]!;
    expect(last.url).toBe('/v1/chat/completions');
    expect(last.auth).toBe('Bearer k');
    expect(last.body).toMatchObject({ model: 'qwen2.5-0.5b-instruct', temperature: 0, seed: 11, stream: false });
    const rf = last.body['response_format'] as { type: string; json_schema: { name: string; strict: boolean; schema: { required: string[] } } };
    expect(rf.type).toBe('json_schema');
    expect(rf.json_schema.strict).toBe(true);
    expect(rf.json_schema.schema.required).toEqual(['intents']);
  });

  it('falls back to the rule parser on an HTTP error', async () => {
    handler = (_b, res) => { res.writeHead(500); res.end('boom'); };
    const r = await new ChainParser(new RuleParser(), new LlmParser(new OpenAiChatEngine(base))).parse('yoink the lamp', harbor);
    expect(r).toMatchObject({ source: 'rule', status: 'unknown-verb' });
    expect(r.notice).toMatch(/unavailable: HTTP 500/);
  });

  it('falls back on a server that answers model text instead of JSON', async () => {
    handler = (_b, res) => reply(res, 'I think you want to take the lamp!');
    const r = await new LlmParser(new OpenAiChatEngine(base)).parse('yoink the lamp', harbor);
    expect(r.notice).toMatch(/not JSON/);
    expect(r.intents).toEqual([]);
  });

  it('gives up on a slow server after the timeout', async () => {
    handler = (_b, res) => { setTimeout(() => reply(res, '{"intents":[{"kind":"look"}]}'), 2000); };
    const t0 = performance.now();
    const r = await new LlmParser(new OpenAiChatEngine(base), { timeoutMs: 100 }).parse('yoink the lamp', harbor);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.notice).toMatch(/took longer/);
  });

  it('reports a server that is not there', async () => {
    const r = await new LlmParser(new OpenAiChatEngine('http://127.0.0.1:9')).parse('yoink', harbor);
    expect(r.status).toBe('error');
    expect(r.notice).toMatch(/unavailable/);
  });
});
