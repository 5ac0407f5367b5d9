// The WebLLM loader without a GPU or weights: model ids exist in web-llm's prebuilt config, the
// build is chosen by shader-f16, a missing WebGPU or adapter gives a clear reason, and loading
// failures come back as values. (The model itself only runs in a browser with WebGPU.)
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadWebLlmEngine, modelIdFor, webGpuSupport, WEBLLM_MODELS } from '../../src/parser/webllm-engine.ts';

afterEach(() => { vi.unstubAllGlobals(); });

const gpu = (adapter: { features: Set<string> } | null) => ({ gpu: { requestAdapter: async () => adapter } });

describe('WebLLM loader', () => {
  it('names models that web-llm 0.2.86 ships', () => {
    const ids = new Set(prebuiltAppConfig.model_list.map((m) => m.model_id));
    for (const choice of Object.values(WEBLLM_MODELS)) {
      expect(ids.has(choice.f16)).toBe(true);
      expect(ids.has(choice.f32)).toBe(true);
    }
    const f32 = prebuiltAppConfig.model_list.filter((m) => m.model_id === WEBLLM_MODELS.default.f32 || m.model_id === WEBLLM_MODELS.light.f32);
    for (const m of f32) expect(m.required_features ?? []).not.toContain('shader-f16');
  });

  it('picks the f16 build only where the adapter has shader-f16', async () => {
    vi.stubGlobal('navigator', gpu({ features: new Set(['shader-f16']) }));
    expect(await webGpuSupport()).toEqual({ ok: true, f16: true });
    vi.stubGlobal('navigator', gpu({ features: new Set() }));
    expect(await webGpuSupport()).toEqual({ ok: true, f16: false });
    expect(modelIdFor('default', true)).toBe('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
    expect(modelIdFor('default', false)).toBe('Qwen2.5-0.5B-Instruct-q4f32_1-MLC');
    expect(modelIdFor('light', false)).toBe('SmolLM2-360M-Instruct-q4f32_1-MLC');
  });

  it('without WebGPU says so, and never starts a worker', async () => {
    vi.stubGlobal('navigator', {});
    const createWorker = vi.fn();
    const r = await loadWebLlmEngine({ createWorker });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/no WebGPU/) });
    expect(createWorker).not.toHaveBeenCalled();
  });

  it('with WebGPU but no adapter (headless Chromium) says so', async () => {
    vi.stubGlobal('navigator', gpu(null));
    expect(await loadWebLlmEngine()).toEqual({ ok: false, reason: expect.stringMatching(/no graphics adapter/) });
  });

  it('a failure while loading comes back as a reason, not a throw', async () => {
    vi.stubGlobal('navigator', gpu({ features: new Set() }));
    const r = await loadWebLlmEngine({ createWorker: () => { throw new Error('workers are not allowed here'); } });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/could not be loaded: workers are not allowed here/) });
  });
});
