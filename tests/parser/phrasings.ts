/**
 * Loads tests/parser/phrasings.yaml and checks one case against a fresh rule parser. Shared by
 * the phrasing test (accuracy) and the latency benchmark.
 *
 *   for (const c of loadPhrasings()) checkPhrasing(c) // undefined when it passes, else why not
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { Action } from '../../src/engine/action.ts';
import type { Scope } from '../../src/engine/scope.ts';
import { RuleParser } from '../../src/parser/rule-parser.ts';
import type { ParseResult } from '../../src/parser/types.ts';
import { bareRoom, forest, harbor, square } from './fixtures.ts';

export const SCOPES: Readonly<Record<string, Scope>> = { harbor, forest, bare: bareRoom, square };

export interface Phrasing {
  readonly scope: string;
  readonly lines: readonly string[];
  readonly expected: string;
}

export function loadPhrasings(): Phrasing[] {
  const file = fileURLToPath(new URL('./phrasings.yaml', import.meta.url));
  const doc = parseYaml(readFileSync(file, 'utf8')) as Record<string, [string, string][]>;
  const out: Phrasing[] = [];
  for (const [scope, cases] of Object.entries(doc)) {
    for (const [input, expected] of cases) {
      out.push({ scope, lines: String(input).split(' | '), expected: String(expected) });
    }
  }
  return out;
}

/** `take moonpetal x3` / `give rope > archon` / `attack wolf with fireball` / `say "hi"` / `shout "hi"` -> Action. */
export function actionOf(spec: string): Action {
  const text = /^(\w+) "(.*)"(?: > (\S+))?$/.exec(spec);
  if (text) {
    const kind = text[1]!;
    if (kind === 'shout') return { kind: 'say', text: text[2]!, shout: true };
    // Private speech: `tell "hi" > p-mira`, `whisper "hi" > p-mira`.
    if (kind === 'tell' || kind === 'whisper') return { kind: 'say', text: text[2]!, to: text[3]!, ...(kind === 'whisper' ? { whisper: true as const } : {}) };
    return (kind === 'name' ? { kind, name: text[2]! } : { kind, text: text[2]! }) as Action;
  }
  const m = /^(\w+)(?: ([^\s>~]+))?(?: x(\d+))?(?: > (\S+))?(?: with (\S+))?(?: ~ (.+))?$/.exec(spec.trim());
  if (!m) throw new Error(`bad expected intent: ${spec}`);
  const [, kind, target, qty, to, withId, topic] = m;
  if (kind === 'move') return { kind, dir: target } as Action;
  const a: Record<string, unknown> = { kind };
  if (target) a['target'] = target;
  if (to) a['to'] = to;
  if (qty) a['qty'] = Number(qty);
  if (withId) a['with'] = withId;
  if (topic) a['topic'] = topic;
  return a as unknown as Action;
}

export function runPhrasing(c: Phrasing): ParseResult {
  const parser = new RuleParser();
  const scope = SCOPES[c.scope]!;
  let r: ParseResult | undefined;
  for (const line of c.lines) r = parser.parse(line, scope);
  return r!;
}

/** undefined when the case passes; otherwise what came out instead. */
export function checkPhrasing(c: Phrasing): string | undefined {
  const r = runPhrasing(c);
  const got = JSON.stringify({ status: r.status, intents: r.intents, meta: r.meta, request: r.request, text: r.text });
  const e = c.expected;
  if (e.startsWith('@')) return r.status === 'ok' && r.intents.length === 0 && r.request?.kind === e.slice(1) ? undefined : got;
  if (e.startsWith('?')) return r.status === e.slice(1) ? undefined : got;
  if (e.startsWith('!')) return r.status === 'ok' && r.meta === e.slice(1) ? undefined : got;
  if (e.startsWith('=')) {
    const ok = r.status === 'ok' && r.intents.length === 0 && !r.meta && !!r.text && r.text.includes(e.slice(1));
    return ok ? undefined : got;
  }
  const want = e.split(';').map((s) => actionOf(s.trim()));
  return r.status === 'ok' && JSON.stringify(r.intents) === JSON.stringify(want) ? undefined : `${got} wanted ${JSON.stringify(want)}`;
}
