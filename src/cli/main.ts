/**
 * The terminal client: `npm run play` for people, `npm run --silent play -- --json` for agents.
 * Human mode prints coloured prose at a "> " prompt; agent mode reads one command per line on
 * stdin and writes exactly one JSON reply per line on stdout (diagnostics go to stderr).
 */
import { createInterface } from 'node:readline';
import { CONTENT_MISMATCH_NOTICE, INTERNAL_ERROR_TEXT, Session, type Reply, type WorldBackend } from '../session/index.ts';
import { LocalWorld, memoryLogStore } from '../session/local-world.ts';
import { ContentError, loadContentDir, openNodeWorld } from '../session/node-world.ts';
import { parserFor } from '../session/parser-choice.ts';
import { parseCliArgs, USAGE, type CliOptions } from './args.ts';
import { colourEnabled, renderLines } from './colour.ts';
import { forJsonLine } from './terminal-text.ts';

/** Game time per command with `--clock turns`. */
const TURN_MS = 10_000;

async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }

  let content;
  try {
    content = loadContentDir(options.content);
  } catch (err) {
    if (err instanceof ContentError) {
      process.stderr.write(`The world content is broken; the game cannot start:\n${err.errors.join('\n')}\n`);
      return 1;
    }
    process.stderr.write(`Cannot read the world content in ${options.content}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }

  let world: WorldBackend;
  let lock: { release(): Promise<void> } | null = null;
  if (options.world || options.relay || options.join) {
    let opened;
    try {
      opened = await openNodeWorld({ ...options, content, dir: options.world, onLockLost: stopSigning });
    } catch (err) {
      process.stderr.write(`The world could not be opened: ${err instanceof Error ? err.message : String(err)}\nNothing in it was changed.\n`);
      return 1;
    }
    world = opened.world;
    lock = opened.lock;
    if (!options.json) process.stderr.write(`World kept in ${opened.dir}${world.link ? `\nShare link: ${world.link}` : ''}\n`);
  } else {
    world = LocalWorld.open(content, memoryLogStore(options.seed));
  }
  let turns = 0;
  // A continued world's game time never runs backwards: turns count on from its latest moment.
  const base = world.state.time;
  const clock = options.clock === 'turns' ? () => base + (turns += 1) * TURN_MS : () => Date.now();
  const session = new Session(world, { name: options.name, clock, parser: parserFor(options) });
  try {
    return options.json ? await runAgent(session) : await runHuman(session);
  } finally {
    await world.close();
    await lock?.release();
  }
}

/** Another client took this world folder over (this one was suspended): sign nothing more. */
function stopSigning(why: string): void {
  process.stderr.write(`\nStopping: ${why}.\n`);
  process.exit(3);
}

async function runAgent(session: Session): Promise<number> {
  session.start();
  // What the world had to say as it opened (a character restored) reaches the agent once, as news of its first reply.
  let opening = session.world.notice === null ? [] : [session.world.notice];
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const input of lines) {
    let reply: Reply;
    try {
      reply = await session.handle(input);
    } catch (err) {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.stdout.write(forJsonLine({ input, status: 'error', intents: [], text: INTERNAL_ERROR_TEXT, news: [], observation: session.observe() }) + '\n');
      continue;
    }
    const { lines: _prose, newsLines: _news, quit, ...json } = reply;
    process.stdout.write(forJsonLine(opening.length > 0 ? { ...json, news: [...opening, ...json.news] } : json) + '\n');
    opening = [];
    if (quit) break;
  }
  return 0;
}

async function runHuman(session: Session): Promise<number> {
  const colour = colourEnabled(process.stdout, process.env);
  // A blank line after each reply; the prompt itself is one line so readline can redraw it.
  const print = (reply: Reply) => {
    if (reply.newsLines.length > 0) process.stdout.write(renderLines(reply.newsLines, colour) + '\n');
    if (reply.lines.length > 0) process.stdout.write(renderLines(reply.lines, colour) + '\n');
    process.stdout.write('\n');
  };
  if (session.world.contentMismatch) process.stdout.write(renderLines([{ style: 'system', text: CONTENT_MISMATCH_NOTICE }], colour) + '\n\n');
  print(session.start());
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '> ', terminal: Boolean(process.stdin.isTTY) });
  let busy = false;
  // Others' deeds appear while you sit at the prompt, above it, without eating what you type.
  const stopNews = session.world.subscribe(() => {
    if (busy) return;
    const news = session.poll();
    if (news.length === 0) return;
    process.stdout.write(`\r\x1b[K${renderLines(news, colour)}\n`);
    rl.prompt(true);
  });
  rl.prompt();
  for await (const input of rl) {
    busy = true;
    let reply: Reply;
    try {
      reply = await session.handle(input);
    } catch (err) {
      // A bug must not end the game: say so, keep the prompt.
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      reply = { input, status: 'error', intents: [], lines: [{ style: 'refusal', text: INTERNAL_ERROR_TEXT }], text: INTERNAL_ERROR_TEXT, news: [], newsLines: [], observation: session.observe(), quit: false };
    } finally {
      busy = false;
    }
    print(reply);
    if (reply.quit) break;
    rl.prompt();
  }
  stopNews();
  rl.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    // A client that could not start ends here: a half-opened world may leave a timer behind.
    if (code !== 0) process.exit(code);
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
