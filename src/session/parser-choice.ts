/**
 * Which parser the terminal client plays with: the rule parser, or with an `llm` URL a chain that
 * asks an OpenAI-compatible server (llama.cpp, Ollama, ...) only when the rule parser does not
 * understand.
 *
 *   new Session(world, { name, clock, parser: parserFor({ llm: 'http://localhost:8080/v1' }) });
 */
import { ChainParser } from '../parser/chain-parser.ts';
import { LlmParser } from '../parser/llm-parser.ts';
import { OpenAiChatEngine } from '../parser/openai-engine.ts';
import { RuleParser } from '../parser/rule-parser.ts';
import type { IntentParser } from '../parser/types.ts';

export function parserFor(options: { readonly llm?: string | undefined; readonly llmModel?: string | undefined }): IntentParser {
  const rules = new RuleParser();
  if (!options.llm) return rules;
  return new ChainParser(rules, new LlmParser(new OpenAiChatEngine(options.llm, { model: options.llmModel })));
}
