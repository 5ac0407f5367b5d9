/**
 * The settings panel's state: whether this browser can run the in-page language model
 * (WebGPU with an adapter), for the opt-in "understand free phrasing" switch.
 *
 *   const llm = new LlmOption();
 *   await llm.check();        // llm.available, llm.reason
 */

/** The slice of WebGPU this check needs (lib.dom may not declare it). */
interface GpuLike {
  requestAdapter(): Promise<unknown>;
}

export class LlmOption {
  /** null while checking. */
  available = $state<boolean | null>(null);
  reason = $state('');

  async check(): Promise<void> {
    const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
    if (!gpu) {
      this.available = false;
      this.reason = 'This browser has no WebGPU, which the in-page model needs. The rule parser still understands ordinary commands.';
      return;
    }
    try {
      const adapter = await gpu.requestAdapter();
      this.available = adapter !== null;
      this.reason = adapter === null ? 'WebGPU is present but found no usable graphics adapter on this device.' : '';
    } catch (error) {
      this.available = false;
      this.reason = `WebGPU failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
