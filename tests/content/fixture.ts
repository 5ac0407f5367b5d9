/**
 * A tiny valid world for loader tests: every file present, every line known, so a test can break
 * one thing and expect the exact `file:line: field: message` it gives.
 */
import { ContentError, parseContent, type ContentFile } from '../../src/content/index.ts';

export const DIR = 'content/tiny';

export const TINY: Readonly<Record<string, string>> = {
  'world.yaml': `id: tiny
name: Tiny Isle
intro: A rock in the sea.
start: quay
respawn: quay
dayLengthMs: 60000
nightPercent: 30
player:
  hp: 30
  mp: 10
  sp: 20
  attack: 3
  defence: 1
  maxWeight: 20000
  maxSlots: 12
  levels: [20, 50]
  perLevel: { hp: 5, mp: 2, sp: 3, attack: 1, defence: 1 }
  defeatExpPenalty: 25
`,
  'words.yaml': `# The quay and the shed are the rooms themselves here: no scenery to look at.
unseen: [quay, shed]
plain: [a, stone, tarred, open, always, dusty]
`,
  'zones.yaml': `- id: harbor
  name: Harbor
  description: Wet stones.
`,
  'locations.yaml': `- id: quay
  zone: harbor
  name: Quay
  description: A stone quay.
  exits:
    - { dir: north, to: shed }
- id: shed
  zone: harbor
  name: Shed
  description: A tarred shed.
  exits:
    - dir: south
      to: quay
      lock: { id: shed-door, key: key, locked: Locked., opened: Opened. }
  items:
    - { item: rope, qty: 1 }
`,
  'items.yaml': `- id: rope
  name: rope
  description: A coil of rope.
  kind: material
  weight: 500
  stack: 5
- id: key
  name: key
  description: A key.
  kind: key
  weight: 50
- id: tonic
  name: tonic
  description: A tonic.
  kind: potion
  weight: 100
  consumable: { hp: 5, cures: [poison], verb: drink }
`,
  'nodes.yaml': `- id: rope-pile
  name: rope pile
  description: Old rope.
  location: quay
  resource: rope
  yield: 3
  respawnMs: 1000
`,
  'stations.yaml': `- id: bench
  name: bench
  description: A bench.
  location: shed
`,
  'recipes.yaml': `- id: tonic
  category: potion
  output: { item: tonic }
  inputs:
    - { item: rope, qty: 2 }
  station: bench
`,
  'enemies.yaml': `- id: crab
  name: crab
  description: A crab.
  hp: 5
  attack: 2
  defence: 0
  exp: 5
  loot:
    - { item: rope, chance: 50 }
  locations: [quay]
  respawnMs: 1000
  inflicts: { effect: poison, chance: 10 }
`,
  'effects.yaml': `- id: poison
  name: poison
  kind: debuff
  turns: 3
  perTurn: { hp: -1 }
`,
  'skills.yaml': `- id: strike
  name: strike
  description: A strike.
  cost: { sp: 2 }
  power: 2
`,
  'npcs.yaml': `- id: keeper
  name: the Keeper
  description: An old keeper.
  location: shed
  greeting: Hello.
  topics:
    - id: keeper-key
      keywords: [key]
      text: Take it.
      gives: { item: key }
      sets: keeper-spoke
`,
  'quests.yaml': `- id: fetch-rope
  name: Fetch the Rope
  starts: { talk: keeper }
  stages:
    - id: find-it
      text: The keeper wants rope.
      objectives:
        - { deliver: rope, qty: 2, to: keeper, text: Bring the keeper two ropes }
  finished: The keeper is pleased.
  rewards: { exp: 5, flags: [roped] }
`,
};

/** The tiny world's files, with `changes` replacing whole files (by base name). */
export function tinyFiles(changes: Readonly<Record<string, string>> = {}): ContentFile[] {
  return Object.keys({ ...TINY, ...changes })
    .sort()
    .map((name) => ({ name: `${DIR}/${name}`, text: changes[name] ?? TINY[name] ?? '' }));
}

/** The tiny world with one file edited by replacing `from` (which must occur) with `to`. */
export function tinyWith(file: string, from: string, to: string): ContentFile[] {
  const text = TINY[file];
  if (text === undefined || !text.includes(from)) throw new Error(`fixture: "${from}" not in ${file}`);
  return tinyFiles({ [file]: text.replace(from, to) });
}

/** Every `file:line: field: message` the loader gives for these files; [] when they load. */
export function contentErrors(files: readonly ContentFile[]): readonly string[] {
  try {
    parseContent(files);
  } catch (error) {
    if (error instanceof ContentError) return error.errors;
    throw error;
  }
  return [];
}
