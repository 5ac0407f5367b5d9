/**
 * Natural language -> intents. The session uses:
 *
 *   import { RuleParser } from './index.ts';
 *   const parser = new RuleParser();
 *   const r = parser.parse(line, scopeOf(content, state, player));
 *   // r.meta: a meta command (help, quit, ...) for the session.
 *   // r.steps: run each step.action in order (show step.note first), stop at the first refusal.
 *   // r.text: the parser's own reply (question, failure, in-world answer), shown after the steps.
 *   // r.rest: after a move, parse the rest of the chain against the new room's scope.
 *
 * With a language model (opt-in): `new ChainParser(new RuleParser(), new LlmParser(engine))`,
 * where `engine` is `new OpenAiChatEngine(url)` (Node) or `(await loadWebLlmEngine()).engine`
 * (browser). Its `parse` is async. See docs/parser.md.
 */
export { RuleParser, parseLine } from './rule-parser.ts';
export { ChainParser, type ChainOptions } from './chain-parser.ts';
export { commandFor } from './command-text.ts';
export { LlmParser, type LlmParserOptions } from './llm-parser.ts';
export { OpenAiChatEngine, type OpenAiEngineOptions } from './openai-engine.ts';
// Type-only use of WebLLM here; the library itself loads on demand inside loadWebLlmEngine.
export { loadWebLlmEngine, webGpuSupport, isWebLlmModelCached, WEBLLM_MODELS, type LoadProgress, type LoadResult, type WebLlmChoice } from './webllm-engine.ts';
export type { ChatEngine, ChatMessage, CompleteOptions } from './chat-engine.ts';
export type { IntentParser, MetaCommand, ParseResult, ParseStatus, ParseStep, ParserState, PendingQuestion } from './types.ts';
export { META_COMMANDS } from './types.ts';
