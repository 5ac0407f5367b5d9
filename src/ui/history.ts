/**
 * The prompt's command history, walked with Up and Down like a shell: Up from a half-typed line
 * keeps that draft, and Down past the newest entry gives it back.
 *
 *   const h = new CommandHistory();
 *   h.push('take rope');
 *   h.up('ta');   // 'take rope'
 *   h.down('');   // 'ta'
 */
export class CommandHistory {
  #entries: string[] = [];
  /** Index into entries while walking; entries.length means "at the draft". */
  #cursor = 0;
  #draft = '';

  constructor(private readonly limit = 200, initial: readonly string[] = []) {
    this.#entries = initial.slice(-limit);
    this.#cursor = this.#entries.length;
  }

  get entries(): readonly string[] {
    return this.#entries;
  }

  push(line: string): void {
    const text = line.trim();
    if (text !== '' && this.#entries[this.#entries.length - 1] !== text) {
      this.#entries.push(text);
      if (this.#entries.length > this.limit) this.#entries.shift();
    }
    this.#cursor = this.#entries.length;
    this.#draft = '';
  }

  /** The older entry, or null when there is none (leave the box alone). */
  up(current: string): string | null {
    if (this.#cursor === 0) return null;
    if (this.#cursor === this.#entries.length) this.#draft = current;
    this.#cursor -= 1;
    return this.#entries[this.#cursor] ?? null;
  }

  /** The newer entry, the draft after the newest, or null when already at the draft. */
  down(): string | null {
    if (this.#cursor >= this.#entries.length) return null;
    this.#cursor += 1;
    return this.#cursor === this.#entries.length ? this.#draft : (this.#entries[this.#cursor] ?? null);
  }
}
