/**
 * The narrow interface between the LLM parser and a language model: one chat completion whose
 * reply is constrained by a JSON schema. WebLLM (browser, in a worker) and any OpenAI-compatible
 * HTTP server (Node, `--llm URL`) implement it; tests plug in stand-ins.
 *
 *   const text = await engine.complete(messages, { schema, temperature: 0, seed: 7, timeoutMs: 3000 });
 *
 * An engine throws when it cannot answer (network, HTTP status, no model); the LLM parser turns
 * every such failure into the rule parser's answer with a notice.
 */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface CompleteOptions {
  /** JSON schema the reply must match. */
  readonly schema: Readonly<Record<string, unknown>>;
  readonly temperature: number;
  readonly seed: number;
  /** The caller gives up after this long; an engine may stop its work early when it can. */
  readonly timeoutMs: number;
  readonly maxTokens?: number;
  readonly signal?: AbortSignal;
}

export interface ChatEngine {
  /** For notices and logs: "webllm:Qwen2.5-0.5B-Instruct-q4f16_1-MLC", "openai:http://...". */
  readonly name: string;
  complete(messages: readonly ChatMessage[], options: CompleteOptions): Promise<string>;
}
