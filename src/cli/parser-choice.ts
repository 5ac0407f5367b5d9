/**
 * Which parser the terminal client uses: the rule parser, or with `--llm URL` a chain that asks an
 * OpenAI-compatible server when the rule parser does not understand.
 */
import { RuleParser } from '../parser/rule-parser.ts';
import type { IntentParser } from '../parser/types.ts';
import type { CliOptions } from './args.ts';

export function makeParser(options: CliOptions): IntentParser {
  if (options.llm) {
    // TODO(issue 3): the chain parser with the OpenAI-compatible engine lands with the LLM parser.
    process.stderr.write('--llm is not wired yet; using the rule parser only.\n');
  }
  return new RuleParser();
}
