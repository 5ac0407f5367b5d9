// Refused connections and frames, logged as counts: one summary line per interval instead of a
// line per refusal, so junk traffic cannot flood the operator's logs (or the disk under them).
//
//   const refusals = new RefusalLog(log, 10_000); refusals.note('limit/rate'); ...; refusals.flush()
import type { Logger } from './log.ts';

export class RefusalLog {
  private counts = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly log: Logger, private readonly intervalMs: number) {}

  /** Counts one refusal; the first after a quiet spell opens an interval that ends in a summary. */
  note(reason: string): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
    if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), this.intervalMs);
      this.timer.unref();
    }
  }

  /** Writes the summary of the open interval, if anything was refused in it. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.counts.size === 0) return;
    const refused = Object.fromEntries([...this.counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const total = [...this.counts.values()].reduce((sum, n) => sum + n, 0);
    this.counts = new Map();
    this.log.info({ refused, total, intervalMs: this.intervalMs }, 'connections refused');
  }
}
