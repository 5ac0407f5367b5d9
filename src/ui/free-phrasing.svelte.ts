/**
 * "Understand free phrasing": the opt-in in-page language model. Checks WebGPU, downloads (or
 * loads from the browser's cache) the model in a worker through the session's loader,
 * shows progress with a time-left estimate, and hands the game's chain parser an `LlmParser`.
 * The rule parser answers first whatever happens; the model only reads what it did not understand.
 * WebLLM and the model's parser are imported only when the player opts in.
 *
 *   const fp = new FreePhrasing();
 *   await fp.check();                  // fp.support, fp.reason
 *   await fp.enable();                 // fp.status: loading -> on (fp.parser set) | error
 *   chain.llm = fp.parser;
 */
import { isLanguageModelCached, languageModelSupport, loadLanguageModel, modelParser, type ChatEngine, type LlmParser } from '../session/language-model.ts';

const OPT_IN = 'vetrellis:free-phrasing';

export interface Progress {
  /** 0..1 */
  readonly fraction: number;
  /** WebLLM's own words: which file, how many MB fetched. */
  readonly text: string;
  /** Seconds left at the current pace, once there is a pace to go by. */
  readonly secondsLeft: number | null;
}

export class FreePhrasing {
  support = $state<'checking' | 'available' | 'unavailable'>('checking');
  reason = $state('');
  status = $state<'off' | 'loading' | 'on' | 'error'>('off');
  progress = $state.raw<Progress | null>(null);
  error = $state('');
  modelId = $state('');
  /** The model's parser while it is on; the game's chain parser consults it. */
  parser = $state.raw<LlmParser | undefined>(undefined);
  /** Called when `parser` changes. */
  onChange: (parser: LlmParser | undefined) => void = () => {};
  #unload: (() => Promise<void>) | null = null;
  #attempt = 0;
  #download: AbortController | null = null;

  get optedIn(): boolean {
    try {
      return localStorage.getItem(OPT_IN) === 'on';
    } catch {
      return false;
    }
  }

  #remember(on: boolean): void {
    try {
      localStorage.setItem(OPT_IN, on ? 'on' : 'off');
    } catch {
      // Not remembered; the player can switch it on again.
    }
  }

  async check(): Promise<void> {
    const support = await languageModelSupport();
    this.support = support.ok ? 'available' : 'unavailable';
    this.reason = support.ok ? '' : support.reason;
  }

  /** On a later visit: switch the model back on if it was on and its weights are cached. */
  async resume(): Promise<void> {
    if (!this.optedIn) return;
    if (await isLanguageModelCached().catch(() => false)) await this.enable();
  }

  async enable(): Promise<void> {
    if (this.status === 'loading' || this.status === 'on') return;
    const attempt = ++this.#attempt;
    this.status = 'loading';
    this.error = '';
    this.#remember(true);
    const started = performance.now();
    this.progress = { fraction: 0, text: 'Starting…', secondsLeft: null };
    this.#download?.abort();
    const download = new AbortController();
    this.#download = download;
    const result = await loadLanguageModel({
      signal: download.signal,
      onProgress: (p) => {
        if (attempt !== this.#attempt) return;
        const elapsed = (performance.now() - started) / 1000;
        const secondsLeft = p.progress > 0.02 && p.progress < 1 ? (elapsed * (1 - p.progress)) / p.progress : null;
        this.progress = { fraction: p.progress, text: p.text, secondsLeft };
      },
    });
    if (attempt !== this.#attempt) {
      // Cancelled while loading: let the model go.
      if (result.ok) await result.unload();
      return;
    }
    if (!result.ok) {
      this.status = 'error';
      this.error = result.reason;
      this.progress = null;
      return;
    }
    this.#unload = result.unload;
    this.modelId = result.modelId;
    await this.use(result.engine);
  }

  /** Plugs an engine in as the model (the loaded WebLLM one, or a stand-in in tests). */
  async use(engine: ChatEngine): Promise<void> {
    this.parser = await modelParser(engine);
    this.status = 'on';
    this.progress = null;
    this.onChange(this.parser);
  }

  /** Stops a download in progress or switches the model off, and forgets the opt-in. */
  async disable(): Promise<void> {
    this.#attempt += 1;
    // A download in progress stops here: its worker is terminated, its fetches with it.
    this.#download?.abort();
    this.#download = null;
    this.#remember(false);
    this.status = 'off';
    this.progress = null;
    this.parser = undefined;
    this.onChange(undefined);
    const unload = this.#unload;
    this.#unload = null;
    await unload?.().catch(() => {});
  }
}
