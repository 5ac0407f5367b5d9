/**
 * WebLLM in the browser, behind `ChatEngine`: checks WebGPU, picks the model build (q4f16 when
 * the adapter has `shader-f16`, else q4f32), starts the worker and loads the model with progress.
 * WebLLM is imported dynamically, only when the player opts in, so the app shell stays small;
 * the weights are cached by the browser and reused next time.
 *
 *   const r = await loadWebLlmEngine({ model: 'default', onProgress: (p) => bar.set(p.progress) });
 *   if (r.ok) parser.llm = new LlmParser(r.engine); else show(r.reason);
 */
import type { ChatEngine, ChatMessage, CompleteOptions } from './chat-engine.ts';

/** Model ids from web-llm 0.2.86's prebuiltAppConfig. */
export const WEBLLM_MODELS = {
  /** Qwen2.5-0.5B-Instruct: the default, best at following the schema. */
  default: { f16: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC', f32: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC' },
  /** SmolLM2-360M-Instruct: the light choice for weaker devices. */
  light: { f16: 'SmolLM2-360M-Instruct-q4f16_1-MLC', f32: 'SmolLM2-360M-Instruct-q4f32_1-MLC' },
} as const;
export type WebLlmChoice = keyof typeof WEBLLM_MODELS;

export interface LoadProgress {
  /** 0..1 */
  readonly progress: number;
  readonly text: string;
}

export type WebGpuSupport = { readonly ok: true; readonly f16: boolean } | { readonly ok: false; readonly reason: string };

interface GpuAdapterLike { readonly features: { has(name: string): boolean } }
interface GpuLike { requestAdapter(): Promise<GpuAdapterLike | null> }

/** Whether this browser can run WebLLM, and whether it has 16-bit float shaders. */
export async function webGpuSupport(): Promise<WebGpuSupport> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { ok: false, reason: 'This browser has no WebGPU, so the language model cannot run here.' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { ok: false, reason: 'WebGPU is present but no graphics adapter is available, so the language model cannot run here.' };
    return { ok: true, f16: adapter.features.has('shader-f16') };
  } catch (err) {
    return { ok: false, reason: `WebGPU failed to start: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export function modelIdFor(choice: WebLlmChoice, f16: boolean): string {
  return f16 ? WEBLLM_MODELS[choice].f16 : WEBLLM_MODELS[choice].f32;
}

export interface LoadOptions {
  readonly model?: WebLlmChoice;
  readonly onProgress?: (p: LoadProgress) => void;
  /** Defaults to the bundled webllm-worker.ts. */
  readonly createWorker?: () => Worker;
  /** Aborting stops the download: the worker (and its fetches) is terminated at once. */
  readonly signal?: AbortSignal;
}

export type LoadResult =
  | {
      readonly ok: true;
      readonly engine: ChatEngine;
      readonly modelId: string;
      /** Frees the GPU memory and stops the worker (the player turned the model off). */
      readonly unload: () => Promise<void>;
    }
  | { readonly ok: false; readonly reason: string };

type WebLlm = typeof import('@mlc-ai/web-llm');
type WorkerEngine = Awaited<ReturnType<WebLlm['CreateWebWorkerMLCEngine']>>;

/** Whether the model's weights are already in the browser's cache (no download needed). */
export async function isWebLlmModelCached(choice: WebLlmChoice = 'default'): Promise<boolean> {
  const support = await webGpuSupport();
  if (!support.ok) return false;
  const webllm: WebLlm = await import('@mlc-ai/web-llm');
  return webllm.hasModelInCache(modelIdFor(choice, support.f16));
}

/** Checks WebGPU, then downloads (or loads from cache) the model in a worker. Never throws. */
export async function loadWebLlmEngine(options: LoadOptions = {}): Promise<LoadResult> {
  const support = await webGpuSupport();
  if (!support.ok) return { ok: false, reason: support.reason };
  const modelId = modelIdFor(options.model ?? 'default', support.f16);
  const cancelled = { ok: false, reason: 'The download was cancelled.' } as const;
  if (options.signal?.aborted) return cancelled;
  let worker: Worker | undefined;
  try {
    const webllm: WebLlm = await import('@mlc-ai/web-llm');
    if (options.signal?.aborted) return cancelled;
    worker = options.createWorker?.() ?? new Worker(new URL('./webllm-worker.ts', import.meta.url), { type: 'module' });
    const w0 = worker;
    const aborted = new Promise<never>((_, reject) => {
      options.signal?.addEventListener('abort', () => { w0.terminate(); reject(new DOMException('cancelled', 'AbortError')); }, { once: true });
    });
    const engine = await Promise.race([
      webllm.CreateWebWorkerMLCEngine(worker, modelId, {
        initProgressCallback: (r) => options.onProgress?.({ progress: r.progress, text: r.text }),
      }),
      aborted,
    ]);
    const w = worker;
    const unload = async () => {
      try { await engine.unload(); } finally { w.terminate(); }
    };
    return { ok: true, engine: new WebLlmChatEngine(engine, modelId), modelId, unload };
  } catch (err) {
    worker?.terminate();
    if (options.signal?.aborted) return cancelled;
    return { ok: false, reason: `The language model could not be loaded: ${err instanceof Error ? err.message : String(err)}` };
  }
}

class WebLlmChatEngine implements ChatEngine {
  readonly name: string;
  constructor(private readonly engine: WorkerEngine, modelId: string) {
    this.name = `webllm:${modelId}`;
  }

  async complete(messages: readonly ChatMessage[], options: CompleteOptions): Promise<string> {
    // The model cannot be cancelled mid-token from outside; interrupting stops it at the next one.
    const stop = () => this.engine.interruptGenerate();
    const timer = setTimeout(stop, options.timeoutMs);
    options.signal?.addEventListener('abort', stop, { once: true });
    try {
      const reply = await this.engine.chat.completions.create({
        messages: messages.map((m) => ({ role: m.role, content: m.content })),
        temperature: options.temperature,
        seed: options.seed,
        max_tokens: options.maxTokens ?? 200,
        stream: false,
        response_format: { type: 'json_object', schema: JSON.stringify(options.schema) },
      });
      const content = reply.choices[0]?.message.content;
      if (typeof content !== 'string') throw new Error('the model gave no answer');
      return content;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', stop);
    }
  }
}
