/**
 * A `ChatEngine` over any OpenAI-compatible HTTP server (llama.cpp's server, Ollama, vLLM, ...):
 * POST /v1/chat/completions with `response_format: { type: 'json_schema' }`, temperature 0 and a
 * seed. Used by the terminal client's `--llm URL`.
 *
 *   const engine = new OpenAiChatEngine('http://127.0.0.1:8080', { model: 'qwen2.5-0.5b-instruct' });
 *   const parser = new ChainParser(new RuleParser(), new LlmParser(engine));
 */
import type { ChatEngine, ChatMessage, CompleteOptions } from './chat-engine.ts';

export interface OpenAiEngineOptions {
  /** Model name the server expects; many local servers ignore it. */
  readonly model?: string;
  /** Sent as a bearer token when set. */
  readonly apiKey?: string;
  /** For tests and custom transports. */
  readonly fetch?: typeof fetch;
}

/** `http://host:8080`, `.../v1` or a full `.../chat/completions` URL -> the completions endpoint. */
export function completionsUrl(base: string): string {
  const u = base.replace(/\/+$/, '');
  if (u.endsWith('/chat/completions')) return u;
  if (u.endsWith('/v1')) return `${u}/chat/completions`;
  return `${u}/v1/chat/completions`;
}

export class OpenAiChatEngine implements ChatEngine {
  readonly name: string;
  readonly #url: string;
  readonly #options: OpenAiEngineOptions;

  constructor(baseUrl: string, options: OpenAiEngineOptions = {}) {
    this.#url = completionsUrl(baseUrl);
    this.#options = options;
    this.name = `openai:${this.#url}`;
  }

  async complete(messages: readonly ChatMessage[], options: CompleteOptions): Promise<string> {
    const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
    const res = await (this.#options.fetch ?? fetch)(this.#url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.#options.apiKey ? { authorization: `Bearer ${this.#options.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: this.#options.model ?? 'default',
        messages,
        temperature: options.temperature,
        seed: options.seed,
        max_tokens: options.maxTokens ?? 200,
        stream: false,
        response_format: { type: 'json_schema', json_schema: { name: 'intents', strict: true, schema: options.schema } },
      }),
      signal: AbortSignal.any(signals),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status} from ${this.#url}`);
    const body = (await res.json()) as { choices?: { message?: { content?: unknown } }[] };
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== 'string') throw new Error('the server answered without message content');
    return content;
  }
}
