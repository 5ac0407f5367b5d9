/**
 * The Web Worker that holds the WebLLM engine, so inference never blocks the page. Loaded by
 * webllm-engine.ts with `new Worker(new URL('./webllm-worker.ts', import.meta.url), { type: 'module' })`;
 * as its own entry it keeps WebLLM (megabytes) out of the main chunk.
 */
import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';

const handler = new WebWorkerMLCEngineHandler();
self.onmessage = (msg: MessageEvent) => {
  handler.onmessage(msg);
};
