/**
 * Which parser the terminal client uses: the rule parser, or with `--llm URL` a chain that asks an
 * OpenAI-compatible server (llama.cpp, Ollama, ...) only when the rule parser does not understand.
 */
import { ChainParser, LlmParser, OpenAiChatEngine, RuleParser, type IntentParser } from '../parser/index.ts';
import type { CliOptions } from './args.ts';

export function makeParser(options: Pick<CliOptions, 'llm' | 'llmModel'>): IntentParser {
  const rules = new RuleParser();
  if (!options.llm) return rules;
  return new ChainParser(rules, new LlmParser(new OpenAiChatEngine(options.llm, { model: options.llmModel })));
}
