/**
 * The web app's parser: the rule parser always answers first; the in-page language model, while
 * the player has it on, reads only what the rule parser did not understand (./language-model.ts
 * loads it on demand, so none of it is in the page's first download).
 *
 *   const parser = ruleParserWithModel();
 *   new Session(world, { name, clock, parser });
 *   parser.llm = await modelParser(engine);   // on; `parser.llm = undefined` switches it off
 */
import { ChainParser } from '../parser/chain-parser.ts';
import type { LlmParser } from '../parser/llm-parser.ts';
import { RuleParser } from '../parser/rule-parser.ts';

export type { ChainParser } from '../parser/chain-parser.ts';

export function ruleParserWithModel(llm?: LlmParser): ChainParser {
  return new ChainParser(new RuleParser(), llm);
}
