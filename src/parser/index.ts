/**
 * Natural language -> intents. The session uses:
 *
 *   import { RuleParser } from '../parser/index.ts';
 *   const parser = new RuleParser();
 *   const r = parser.parse(line, scopeOf(content, state, player));
 *   // r.meta: a meta command (help, quit, ...) for the session.
 *   // r.steps: run each step.action in order (show step.note first), stop at the first refusal.
 *   // r.text: the parser's own reply (question, failure, in-world answer), shown after the steps.
 *   // r.rest: after a move, parse the rest of the chain against the new room's scope.
 *
 * See docs/parser.md for the grammar, the verbs and the LLM path.
 */
export { RuleParser, parseLine } from './rule-parser.ts';
export type { IntentParser, MetaCommand, ParseResult, ParseStatus, ParseStep, ParserState, PendingQuestion } from './types.ts';
export { META_COMMANDS } from './types.ts';
