/**
 * The web app's opt-in language model, through the session: whether this browser can run it, the
 * download with progress, and the parser that reads with it. WebLLM and the model's parser are
 * imported only when called (the player opted in), so importing this module costs the page
 * almost nothing.
 *
 *   if ((await languageModelSupport()).ok) {
 *     const r = await loadLanguageModel({ onProgress: (p) => bar.set(p.progress) });
 *     if (r.ok) parser.llm = await modelParser(r.engine);
 *   }
 */
import type { ChatEngine } from '../parser/chat-engine.ts';
import type { LlmParser } from '../parser/llm-parser.ts';
import type { LoadResult, WebGpuSupport } from '../parser/webllm-engine.ts';

export type { ChatEngine } from '../parser/chat-engine.ts';
export type { LlmParser } from '../parser/llm-parser.ts';
export type { LoadProgress } from '../parser/webllm-engine.ts';

type LoadOptions = Parameters<typeof import('../parser/webllm-engine.ts').loadWebLlmEngine>[0];

export async function languageModelSupport(): Promise<WebGpuSupport> {
  return (await import('../parser/webllm-engine.ts')).webGpuSupport();
}

/** The model's weights are in the browser's cache (switching it on needs no download). */
export async function isLanguageModelCached(): Promise<boolean> {
  return (await import('../parser/webllm-engine.ts')).isWebLlmModelCached();
}

export async function loadLanguageModel(options: LoadOptions): Promise<LoadResult> {
  return (await import('../parser/webllm-engine.ts')).loadWebLlmEngine(options);
}

/** The parser that reads with `engine` (the loaded model, or a stand-in in tests). */
export async function modelParser(engine: ChatEngine): Promise<LlmParser> {
  const { LlmParser } = await import('../parser/llm-parser.ts');
  return new LlmParser(engine);
}
