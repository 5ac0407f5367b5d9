/**
 * `npm run companion -- --join LINK --name Pip --with Ana`: an AI companion that plays beside a
 * friend in a shared world. It is a player like any other (its own key in its own folder, its own
 * character, the same rules), driven by a rule-based mind (src/agent/companion/). It writes one
 * line per deed to stdout and runs until stopped (Ctrl-C), flushing its writes to the relay.
 */
import { parseArgs } from 'node:util';
import { companionFolder, ContentError, openAgentWorld } from '../agent/node.ts';
import { Companion } from '../agent/companion/companion.ts';
import { LlmChooser } from '../agent/companion/llm-mind.ts';
import { OpenAiChatEngine } from '../parser/openai-engine.ts';

const USAGE = `An AI companion for a shared world of Vetrellis.

Usage: npm run companion -- --join LINK --name NAME --with FRIEND [options]

  --join LINK     the share link of the world (as the friend's game shows it)
  --name NAME     the companion's name (default: Pip)
  --with FRIEND   the name of the player it keeps company
  --world DIR     where it keeps its key and its copy of the world
                  (default: .vetrellis/companions/<name>-<world>)
  --gap MS        least time between two of its deeds (default: 1500); whatever it is,
                  it keeps the rules' pace for companions: 1.5 s of game time between intents
  --content DIR   world content to load (default: content/vetrellis)
  --llm URL       let a model on an OpenAI-compatible server choose each deed among the legal
                  ones (the rule mind answers when it is slow, down or off the list)
  --llm-model ID  model name to ask the --llm server for (default: qwen2.5-0.5b-instruct)
  -h, --help      show this help

Say its name to ask it something: "Pip, wait here", "Pip, follow me", "Pip, gather driftwood",
"Pip, give me the rope", "Pip, what do you carry?", "Pip, help me make a flint spear",
"Pip, pull the lever" (shout it from another room of the zone).`;

async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv], allowPositionals: false, strict: true,
      options: {
        join: { type: 'string' }, name: { type: 'string' }, with: { type: 'string' }, world: { type: 'string' },
        gap: { type: 'string' }, content: { type: 'string' }, llm: { type: 'string' }, 'llm-model': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false },
      },
    }));
    if (values.help) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (!values.join) throw new Error('--join: the link of the world to play in is needed');
    if (!values.with) throw new Error('--with: the name of the friend to keep company is needed');
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}\n`);
    return 2;
  }
  const name = values.name ?? 'Pip';
  const gap = values.gap === undefined ? 1500 : Number(values.gap);
  if (!Number.isInteger(gap) || gap < 0) {
    process.stderr.write(`--gap must be a whole number of milliseconds, not "${values.gap}"\n`);
    return 2;
  }
  let env;
  try {
    env = await openAgentWorld({
      join: values.join, world: values.world ?? companionFolder(name, values.join), name, clock: 'real', companionOf: values.with,
      ...(values.content ? { content: values.content } : {}),
      onLockLost: (why) => {
        process.stderr.write(`Stopping: ${why}.\n`);
        process.exit(3);
      },
    });
  } catch (err) {
    const why = err instanceof ContentError ? err.errors.join('\n') : err instanceof Error ? err.message : String(err);
    process.stderr.write(`The companion could not join the world: ${why}\n`);
    return 1;
  }
  const me = env.observe().player?.name ?? name;
  const chooser = values.llm ? new LlmChooser(new OpenAiChatEngine(values.llm, { model: values['llm-model'] ?? 'qwen2.5-0.5b-instruct' }), { name: me, friend: values.with }) : undefined;
  const companion = new Companion(env, {
    name: me, friend: values.with, minGapMs: gap, ...(chooser ? { chooser } : {}),
    onFollowed: (text) => process.stdout.write(`[${me}] following ${values.with}: ${text}\n`),
    onDeed: (deed, reply) => process.stdout.write(`[${me}] ${deed.why}${chooser && chooser.lastSource !== 'model' && chooser.lastSource !== 'rules: friend asked' ? ` (${chooser.lastSource})` : ''}: ${reply.text.split('\n')[0]}\n`),
  });
  companion.start();
  const atPlay = { cpu: process.cpuUsage(), at: Date.now() };
  process.stdout.write(`[${me}] here to keep ${values.with} company.\n`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  companion.stop();
  await companion.idle();
  await env.close();
  const cpu = process.cpuUsage();
  const played = process.cpuUsage(atPlay.cpu);
  const ms = (c: NodeJS.CpuUsage) => Math.round((c.user + c.system) / 1000);
  process.stdout.write(`[${me}] stopped: ${ms(played)} ms of CPU in ${Math.round((Date.now() - atPlay.at) / 1000)} s of play (${ms(cpu)} ms with starting).\n`);
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
