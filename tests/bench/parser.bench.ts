// Rule parser latency per command over the phrasing set (tests/parser/phrasings.yaml).
// Budget: p95 < 1 ms. Prints p50/p95/p99 (warm, 30 rounds) and asserts the budget; then vitest's
// own throughput figure for the whole set.   Run: npx vitest bench --run tests/bench/parser.bench.ts
import { bench, describe } from 'vitest';
import { RuleParser } from '../../src/parser/rule-parser.ts';
import { loadPhrasings, SCOPES } from '../parser/phrasings.ts';

const cases = loadPhrasings();

function runAll(samples?: number[]): void {
  for (const c of cases) {
    const parser = new RuleParser();
    const scope = SCOPES[c.scope]!;
    for (const line of c.lines) {
      const t0 = performance.now();
      parser.parse(line, scope);
      if (samples) samples.push(performance.now() - t0);
    }
  }
}

function percentiles(): { p50: number; p95: number; p99: number; n: number } {
  for (let i = 0; i < 5; i++) runAll(); // warm up the JIT
  const samples: number[] = [];
  for (let i = 0; i < 30; i++) runAll(samples);
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), n: samples.length };
}

const p = percentiles();
console.log(`rule parser latency per command over ${cases.length} phrasings (${p.n} parses): p50 ${(p.p50 * 1000).toFixed(1)} µs, p95 ${(p.p95 * 1000).toFixed(1)} µs, p99 ${(p.p99 * 1000).toFixed(1)} µs (budget p95 < 1000 µs)`);
if (p.p95 >= 1) throw new Error(`rule parser p95 ${p.p95.toFixed(3)} ms is over the 1 ms budget`);

describe('rule parser', () => {
  bench(`whole phrasing set (${cases.length} cases)`, () => runAll());
});
