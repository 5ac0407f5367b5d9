/**
 * The terminal client: `npm run play` for people, `npm run --silent play -- --json` for agents.
 * Human mode prints coloured prose at a "> " prompt; agent mode reads one command per line on
 * stdin and writes exactly one JSON reply per line on stdout (diagnostics go to stderr).
 */
import { createInterface } from 'node:readline';
import { AGENT_API_VERSION, clockFor, ContentError, NO_REWARD, openAgentWorld, openPlayWorld, type AgentMessage, type AgentWorld, type PlayWorld } from '../agent/node.ts';
import { CONTENT_MISMATCH_NOTICE, INTERNAL_ERROR_TEXT, Session, type Content, type Reply } from '../session/index.ts';
import { exportWorldFolder, importWorldFile, loadContentDir } from '../session/node-world.ts';
import { parserFor } from '../session/parser-choice.ts';
import { parseCliArgs, USAGE, type CliOptions } from './args.ts';
import { colourEnabled, renderLines } from './colour.ts';
import { forJsonLine } from './terminal-text.ts';
import { isPrivateWorld, parseWorldLink } from '../sync/world/world-key.ts';

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

  if (options.exportTo !== undefined) return exportWorld(options, content);
  if (options.importFrom !== undefined) {
    const code = await importWorld(options, content);
    if (code !== 0) return code;
  }
  return options.json ? runAgent(options, content) : runHumanIn(options, content);
}

/** --export: the --world folder's world as one file (src/sync/world/world-file.ts). */
function exportWorld(options: CliOptions, content: Content): number {
  try {
    const done = exportWorldFolder(options.world!, options.exportTo!, content, options.withKey);
    const junk = done.leftOut > 0 ? ` (${done.leftOut} stored entries that do not verify were left out)` : '';
    process.stderr.write(`Wrote ${done.name} to ${options.exportTo}: ${done.intents} entries${junk}.\n`);
    process.stderr.write(done.withKey
      ? 'Your player key is in it: whoever holds the file can play as you. Keep it private.\n'
      : 'Your player key is not in it: opened elsewhere, you start as a new character (add --with-key to carry yours).\n');
    return 0;
  } catch (err) {
    process.stderr.write(`The world could not be exported: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

/** --import: bring a world file into the --world folder, then play it. */
async function importWorld(options: CliOptions, content: Content): Promise<number> {
  try {
    const done = await importWorldFile(options.world!, options.importFrom!, content);
    process.stderr.write(`Imported ${done.name} into ${options.world}: ${done.intents} entries${done.withKey ? ', with your player key' : ''}.\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`The world could not be imported: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

function cannotOpen(err: unknown): number {
  process.stderr.write(`The world could not be opened: ${err instanceof Error ? err.message : String(err)}\nNothing in it was changed.\n`);
  return 1;
}

async function runHumanIn(options: CliOptions, content: Content): Promise<number> {
  let place: PlayWorld;
  try {
    place = await openPlayWorld(content, { ...options, onLockLost: stopSigning });
  } catch (err) {
    return cannotOpen(err);
  }
  const { world } = place;
  const links = world.status()?.role === 'spectator'
    ? `${world.link ? `\nWatching through the watch link: ${world.link}` : ''}`
    : `${world.link ? `\nShare link: ${world.link}` : ''}${world.watchLink ? `\nWatch link (to follow without playing): ${world.watchLink}` : ''}`;
  const key = world.link ? parseWorldLink(world.link)?.worldKey : undefined;
  const privacy = key === undefined ? '' : isPrivateWorld(key)
    ? '\nThis world is private: the relay keeps and passes on only ciphertext; whoever holds a link can read it.'
    : '\nThis world is not encrypted: the relay can read what is said and done in it.';
  if (place.dir) process.stderr.write(`World kept in ${place.dir}${links}${world.link ? privacy : ''}\n`);
  const session = new Session(world, { name: options.name, clock: clockFor(options.clock, world.state.time), parser: parserFor(options) });
  // The world moved to a new link (issue 19): the folder keeps it; here is the one to share now.
  world.onMovedTo?.(() => {
    if (world.link) process.stderr.write(`Share link: ${world.link}${world.watchLink ? `\nWatch link (to follow without playing): ${world.watchLink}` : ''}\n`);
  });
  try {
    return await runHuman(session);
  } finally {
    await world.close();
    await place.release();
  }
}

/** Another client took this world folder over (this one was suspended): sign nothing more. */
function stopSigning(why: string): void {
  process.stderr.write(`\nStopping: ${why}.\n`);
  process.exit(3);
}

/** Agent mode: the library's agent world (src/agent), one JSON line per reply and, following, per piece of news. */
async function runAgent(options: CliOptions, content: Content): Promise<number> {
  let env: AgentWorld;
  try {
    env = await openAgentWorld({
      ...options, content, parser: parserFor(options), onLockLost: stopSigning,
      onError: (err) => process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`),
    });
  } catch (err) {
    return cannotOpen(err);
  }
  const write = (message: AgentMessage) => process.stdout.write(forJsonLine(message) + '\n');
  // What the world had to say as it opened (a character restored) reaches the agent once: as
  // news of its first reply, or following, as the first news.
  const notice = env.world.notice;
  let opening = notice === null ? [] : [notice];
  if (options.follow) {
    env.on('news', write);
    if (notice !== null) {
      write({ type: 'news', version: AGENT_API_VERSION, text: notice, news: [notice], events: [], revisions: [], reward: NO_REWARD, observation: env.observe() });
    }
    opening = [];
  }
  try {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const input of lines) {
      const reply = await env.stepLine(input);
      write(opening.length > 0 ? { ...reply, news: [...opening, ...reply.news] } : reply);
      opening = [];
      if (reply.quit) break;
    }
  } finally {
    await env.close();
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
  // The session's own news (a FOLLOW step walked between commands) is told the same way.
  const tellNews = () => {
    if (busy) return;
    const news = session.poll();
    if (news.length === 0) return;
    // On a terminal the prompt line is cleared and drawn again below; elsewhere (a pipe) no
    // control bytes are written, and the news starts on a line of its own.
    process.stdout.write(`${process.stdout.isTTY ? '\r\x1b[K' : '\n'}${renderLines(news, colour)}\n`);
    rl.prompt(true);
  };
  const stopWorldNews = session.world.subscribe(tellNews);
  const stopOwnNews = session.onNews(tellNews);
  rl.prompt();
  for await (const input of rl) {
    busy = true;
    let reply: Reply;
    try {
      reply = await session.handle(input);
    } catch (err) {
      // A bug must not end the game: say so, keep the prompt.
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      reply = { input, status: 'error', intents: [], lines: [{ style: 'refusal', text: INTERNAL_ERROR_TEXT }], text: INTERNAL_ERROR_TEXT, news: [], newsLines: [], events: [], newsEvents: [], blocked: [], revisions: [], observation: session.observe(), quit: false };
    } finally {
      busy = false;
    }
    print(reply);
    if (reply.quit) break;
    rl.prompt();
  }
  stopWorldNews();
  stopOwnNews();
  session.stopFollowing();
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
