/**
 * The chain: the rule parser always, the LLM parser only when the rule parser is unsure
 * (unknown verb, unknown noun, or low confidence). Questions the rule parser asks (which sword?
 * what to craft?) are never sent to the model: the player answers them.
 *
 *   const parser = new ChainParser(new RuleParser(), new LlmParser(engine));
 *   const r = await parser.parse('pop the lamp into my bag', scope);
 */
import type { Scope } from '../engine/scope.ts';
import type { LlmParser } from './llm-parser.ts';
import type { RuleParser } from './rule-parser.ts';
import type { IntentParser, ParseResult } from './types.ts';

export interface ChainOptions {
  /** Ask the model when the rule parser's confidence is below this (default 0.6). */
  readonly minConfidence?: number;
}

export class ChainParser implements IntentParser {
  readonly #min: number;
  /** The model to consult; set to undefined to play with the rule parser alone. */
  llm: LlmParser | undefined;

  constructor(readonly rules: RuleParser, llm?: LlmParser, options: ChainOptions = {}) {
    this.llm = llm;
    this.#min = options.minConfidence ?? 0.6;
  }

  needsHelp(r: ParseResult): boolean {
    if (r.meta || r.request) return false;
    if (r.status === 'unknown-verb' || r.status === 'unknown-noun') return true;
    return r.status === 'ok' && r.intents.length > 0 && r.confidence < this.#min;
  }

  async parse(text: string, scope: Scope): Promise<ParseResult> {
    const r = this.rules.parse(text, scope);
    if (!this.llm || !this.needsHelp(r)) return r;
    // Only the command that failed goes to the model; the ones before it already parsed.
    const failedOnly = r.status !== 'ok' && r.failed !== undefined && r.intents.length > 0;
    const asked = failedOnly ? r.failed! : text;
    const before = failedOnly ? r.steps : [];
    const m = await this.llm.parse(asked, scope, r);
    if (m.source !== 'llm') return m;
    this.rules.remember(m.intents, scope);
    const steps = [...before, ...m.steps];
    return { ...m, steps, intents: steps.map((s) => s.action) };
  }
}
