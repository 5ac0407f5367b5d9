/**
 * A parser whose code loads when it is first needed, or earlier when asked: the web app paints
 * its first screen (which reads the world, not a command) without the rule parser's code, and
 * loads it right after that paint, before the player has finished typing a first command.
 * A command typed sooner waits for it; a failed load is tried again with the next command.
 *
 *   const parser = new LazyParser(async () => new (await import('../parser/rule-parser.ts')).RuleParser());
 *   afterFirstPaint(() => void parser.load());
 *   new Session(world, { name, clock, parser });
 */
import type { Scope } from '../engine/scope.ts';
import type { IntentParser, ParseResult } from '../parser/types.ts';

export class LazyParser<P extends IntentParser> implements IntentParser {
  #parser: P | undefined;
  #loading: Promise<P> | undefined;

  constructor(private readonly make: () => Promise<P>) {}

  /** The parser, once its code has loaded. */
  get loaded(): P | undefined {
    return this.#parser;
  }

  /** Loads the parser (once; again after a failure). */
  load(): Promise<P> {
    this.#loading ??= this.make().then(
      (parser) => (this.#parser = parser),
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  async parse(text: string, scope: Scope): Promise<ParseResult> {
    const parser = this.#parser ?? (await this.load());
    return parser.parse(text, scope);
  }
}

/** The rule parser, loaded on first use: a session's default parser. */
export const lazyRuleParser = (): LazyParser<IntentParser> =>
  new LazyParser(async () => new (await import('../parser/rule-parser.ts')).RuleParser());
