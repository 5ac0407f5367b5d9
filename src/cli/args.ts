/**
 * Command-line flags of the terminal client, parsed with node:util's parseArgs.
 */
import { parseArgs } from 'node:util';
import { nameProblem } from '../session/player-name.ts';

export const USAGE = `Vetrellis: a text adventure on Vetrellis Isle.

Usage: npm run play -- [options]

  --world DIR     keep the world in DIR (documents, your key, the world key) and continue it
                  next time; created if missing
  --export FILE   with --world: write the world to FILE (one file, to carry it elsewhere) and
                  exit; add --with-key to put your player key in it too (keep that file private)
  --import FILE   with --world: bring the world in FILE into DIR (checked first; a damaged or
                  altered file is refused and nothing is written), then play it
  --relay URL     sync the world through a relay (e.g. ws://localhost:8080) so others can join
  --join LINK     join a shared world from its link (http://host/#/w/<key>)
  --seed N        seed of a world kept in memory (default: 1); a world kept with --world,
                  --relay or --join takes its seed from its key
  --name NAME     your name in the world (default: Wanderer); plain text, no control or
                  invisible characters, and not one another player here already holds
  --json          agent mode: one command per line on stdin, one JSON object per line on stdout
                  (without --world/--relay/--join the world lives in memory only and the same
                  seed + the same lines give the same state hashes); a line {"kind": ...} is a
                  structured action (docs/agent-api.md)
  --follow        with --json: write what happens in the world (others' deeds, speech,
                  revisions) as {"type":"news"} lines as it happens, between replies
  --clock MODE    game time: "real" (the machine clock, default for play) or "turns"
                  (10 s of game time per command; the default with --json, so runs replay exactly)
  --llm URL       also understand free phrasing through an OpenAI-compatible server
                  (e.g. http://localhost:8080 for llama.cpp, http://localhost:11434 for Ollama)
  --llm-model ID  model name to ask the --llm server for (default: qwen2.5-0.5b-instruct)
  --content DIR   world content to load (default: content/vetrellis)
  -h, --help      show this help

Type "help" in the game for what you can do.`;

export interface CliOptions {
  readonly world: string | undefined;
  readonly relay: string | undefined;
  /** Write the --world folder's world to this file and exit. */
  readonly exportTo: string | undefined;
  /** Put the player's key in the exported file. */
  readonly withKey: boolean;
  /** Import this world file into the --world folder before playing. */
  readonly importFrom: string | undefined;
  readonly join: string | undefined;
  readonly seed: number;
  readonly name: string;
  readonly json: boolean;
  readonly follow: boolean;
  readonly clock: 'real' | 'turns';
  readonly llm: string | undefined;
  readonly llmModel: string;
  readonly content: string;
  readonly help: boolean;
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      world: { type: 'string' },
      relay: { type: 'string' },
      export: { type: 'string' },
      import: { type: 'string' },
      'with-key': { type: 'boolean', default: false },
      join: { type: 'string' },
      seed: { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean', default: false },
      follow: { type: 'boolean', default: false },
      clock: { type: 'string' },
      llm: { type: 'string' },
      'llm-model': { type: 'string' },
      content: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`--seed must be a whole number from 0 to ${0xffffffff}, not "${values.seed}"`);
  }
  const json = values.json ?? false;
  const follow = values.follow ?? false;
  if (follow && !json) throw new Error('--follow works with --json only (a person at the prompt sees news as it happens anyway)');
  const clock = values.clock ?? (json ? 'turns' : 'real');
  if (clock !== 'real' && clock !== 'turns') throw new Error(`--clock must be "real" or "turns", not "${clock}"`);
  if (values.relay !== undefined && !/^wss?:\/\/[^/]/.test(values.relay)) {
    throw new Error(`--relay must be a ws:// or wss:// URL, not "${values.relay}"`);
  }
  if ((values.export !== undefined || values.import !== undefined) && values.world === undefined) {
    throw new Error(`--${values.export !== undefined ? 'export' : 'import'} needs --world DIR (the folder the world is kept in)`);
  }
  if (values.export !== undefined && values.import !== undefined) throw new Error('--export and --import cannot be used together');
  if (values.export !== undefined && values.join !== undefined) throw new Error('--export writes the world kept in --world; leave out --join');
  if (values['with-key'] && values.export === undefined) throw new Error('--with-key goes with --export');
  const name = (values.name ?? 'Wanderer').trim().slice(0, 32) || 'Wanderer';
  const problem = nameProblem(name);
  if (problem !== null) throw new Error(`--name: ${problem}`);
  return {
    world: values.world,
    relay: values.relay,
    exportTo: values.export,
    withKey: values['with-key'] ?? false,
    importFrom: values.import,
    join: values.join,
    seed,
    name,
    json,
    follow,
    clock,
    llm: values.llm,
    llmModel: values['llm-model'] ?? 'qwen2.5-0.5b-instruct',
    content: values.content ?? 'content/vetrellis',
    help: values.help ?? false,
  };
}
