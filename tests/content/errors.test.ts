// Broken content must name every problem as `file:line: field: what is wrong`, and refuse to load.
import { describe, expect, it } from 'vitest';
import { ContentError, parseContent, type ContentFile } from '../../src/content/index.ts';
import { tinyFiles, tinyWith } from './fixture.ts';

function errorsOf(files: readonly ContentFile[]): readonly string[] {
  try {
    parseContent(files);
  } catch (error) {
    if (error instanceof ContentError) return error.errors;
    throw error;
  }
  throw new Error('expected the content to be refused');
}

describe('parseContent refuses broken content', () => {
  it('loads the tiny fixture (the baseline every other case breaks)', () => {
    const content = parseContent(tinyFiles());
    expect(content.items.get('rope')?.weight).toBe(500);
    expect(content.world.start).toBe('quay');
  });

  it('versions content by what it says, not how it is written', () => {
    const { version } = parseContent(tinyFiles());
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    // Key order, comments and flow vs block style do not change the version ...
    expect(parseContent(tinyWith('items.yaml', '  weight: 500\n  stack: 5\n', '  stack: 5 # a coil\n  weight: 500\n')).version).toBe(version);
    // ... any value does.
    expect(parseContent(tinyWith('items.yaml', 'weight: 500', 'weight: 501')).version).not.toBe(version);
  });

  it('a value of the wrong type', () => {
    expect(errorsOf(tinyWith('items.yaml', 'weight: 500', 'weight: heavy'))).toEqual([
      'content/tiny/items.yaml:5: items[0].weight: must be a number, not "heavy"',
    ]);
  });

  it('a complex YAML key is named on one line, so the error keeps its file:line form', () => {
    const errors = errorsOf(tinyWith('world.yaml', 'player:\n', '? player:\n'));
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toMatch(/^content\/tiny\/world\.yaml(:\d+)?: [^\n]+$/);
  });

  it('a fractional weight', () => {
    expect(errorsOf(tinyWith('items.yaml', 'weight: 50\n', 'weight: 50.5\n'))).toEqual([
      'content/tiny/items.yaml:11: items[1].weight: must be a whole number',
    ]);
  });

  it('a missing field, at the line of the entry that lacks it', () => {
    expect(errorsOf(tinyWith('items.yaml', '  description: A key.\n', ''))).toEqual([
      'content/tiny/items.yaml:7: items[1].description: is required',
    ]);
  });

  it('scenery that leads through an exit the room does not have', () => {
    const quay = '  exits:\n    - { dir: north, to: shed }\n';
    const steps = '  scenery:\n    - name: steps\n      description: Worn steps.\n      leads: west\n';
    expect(errorsOf(tinyWith('locations.yaml', quay, quay + steps))).toEqual([
      'content/tiny/locations.yaml:10: locations[0].scenery[0].leads: quay has no exit west for the steps to lead to',
    ]);
    expect(parseContent(tinyWith('locations.yaml', quay, quay + steps.replace('west', 'north'))).locations.get('quay')!.scenery[0]!.leads).toBe('north');
  });

  it('a misspelt field, at the line of the key', () => {
    expect(errorsOf(tinyWith('items.yaml', '  stack: 5', '  stak: 5'))).toEqual([
      'content/tiny/items.yaml:6: items[0].stak: unknown field',
    ]);
  });

  it('a value outside its enum, listing the allowed ones', () => {
    expect(errorsOf(tinyWith('effects.yaml', 'kind: debuff', 'kind: curse'))).toEqual([
      'content/tiny/effects.yaml:3: effects[0].kind: must be one of "buff", "debuff", not "curse"',
    ]);
  });

  it('a schema rule across fields (gear stats need a slot)', () => {
    expect(errorsOf(tinyWith('items.yaml', '  stack: 5\n', '  stack: 5\n  stats: { attack: 2 }\n'))).toEqual([
      'content/tiny/items.yaml:7: items[0].stats: gear stats need a slot',
    ]);
  });

  it('a world setting out of range', () => {
    expect(errorsOf(tinyWith('world.yaml', 'nightPercent: 30', 'nightPercent: 130'))).toEqual([
      'content/tiny/world.yaml:7: world.nightPercent: must be at most 100',
    ]);
  });

  it('an unknown reference, with a suggestion when one is close', () => {
    expect(errorsOf(tinyWith('locations.yaml', 'to: shed }', 'to: shde }'))).toEqual([
      'content/tiny/locations.yaml:6: locations[0].exits[0].to: unknown location "shde" (did you mean "shed"?)',
    ]);
  });

  it('every kind of reference is checked', () => {
    const files = tinyFiles({
      'recipes.yaml': `- id: tonic
  category: potion
  output: { item: tonc }
  inputs:
    - { item: rope, qty: 2 }
  tools: [hammer]
  station: anvil
`,
      'nodes.yaml': `- id: rope-pile
  name: rope pile
  description: Old rope.
  location: dock
  resource: rope
  yield: 3
  respawnMs: 1000
  tool: knife
`,
    });
    expect(errorsOf(files)).toEqual([
      'content/tiny/nodes.yaml:4: nodes[0].location: unknown location "dock"',
      'content/tiny/nodes.yaml:8: nodes[0].tool: unknown item "knife"',
      'content/tiny/recipes.yaml:3: recipes[0].output.item: unknown item "tonc" (did you mean "tonic"?)',
      'content/tiny/recipes.yaml:6: recipes[0].tools[0]: unknown item "hammer"',
      'content/tiny/recipes.yaml:7: recipes[0].station: unknown station "anvil"',
    ]);
  });

  it('a duplicate id', () => {
    expect(errorsOf(tinyWith('items.yaml', 'id: key\n', 'id: rope\n'))).toContain(
      'content/tiny/items.yaml:7: items[1].id: duplicate id "rope" (also items[0])',
    );
  });

  it('an enemy listed twice in one location', () => {
    expect(errorsOf(tinyWith('enemies.yaml', 'locations: [quay]', 'locations: [quay, quay]'))).toEqual([
      'content/tiny/enemies.yaml:10: enemies[0].locations[1]: "quay" is listed twice; a location holds at most one of each enemy kind',
    ]);
  });

  it('an exit that leads back to its own location', () => {
    expect(errorsOf(tinyWith('locations.yaml', 'to: shed }', 'to: quay }'))).toContain(
      'content/tiny/locations.yaml:6: locations[0].exits[0].to: an exit must not lead back to the location it leaves',
    );
  });

  it('two items the parser could not tell apart', () => {
    expect(errorsOf(tinyWith('items.yaml', 'name: key', 'name: Rope'))).toEqual([
      'content/tiny/items.yaml:8: items[1].name: "Rope" is also the name of items[0]; the parser could not tell them apart',
    ]);
  });

  it('a flag nothing can set', () => {
    const files = tinyWith('locations.yaml', '  description: A stone quay.\n', '  description: A stone quay.\n  variants:\n    - { when: { flag: shed-dor }, text: Open. }\n');
    expect(errorsOf(files)).toEqual([
      'content/tiny/locations.yaml:6: locations[0].variants[0].when.flag: no lock or NPC topic sets the flag "shed-dor" (did you mean "shed-door"?)',
    ]);
  });

  it('a description variant without a condition', () => {
    const files = tinyWith('locations.yaml', '  description: A stone quay.\n', '  description: A stone quay.\n  variants:\n    - when: {}\n      text: Always.\n');
    expect(errorsOf(files)).toEqual([
      'content/tiny/locations.yaml:6: locations[0].variants[0].when: names no condition, so it would always replace the description',
    ]);
  });

  it('a place nobody can reach', () => {
    const files = tinyWith('locations.yaml', '- id: shed', '- id: attic\n  zone: harbor\n  name: Attic\n  description: Dusty.\n- id: shed');
    expect(errorsOf(files)).toEqual([
      'content/tiny/locations.yaml:7: locations[1].id: cannot be reached from the start ("quay")',
    ]);
  });

  it('a YAML syntax error, at its line', () => {
    expect(errorsOf(tinyWith('zones.yaml', '  name: Harbor', '  name: [Harbor'))).toEqual([
      'content/tiny/zones.yaml:3: yaml: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('a duplicate key in a mapping', () => {
    expect(errorsOf(tinyWith('zones.yaml', '  name: Harbor', '  name: Harbor\n  name: Port'))).toEqual([
      'content/tiny/zones.yaml:3: yaml: Map keys must be unique',
    ]);
  });

  it('a list file that is not a list', () => {
    // Nothing refers to zones that cannot be read: their ids are unknown, not missing.
    expect(errorsOf(tinyFiles({ 'zones.yaml': 'id: harbor\nname: Harbor\n' }))).toEqual([
      'content/tiny/zones.yaml:1: zones: must be a list of entries, each starting with "- id: ..."',
    ]);
  });

  it('a missing file and an unknown file', () => {
    const files = tinyFiles().filter((f) => !f.name.endsWith('/skills.yaml'));
    expect(errorsOf([...files, { name: 'content/tiny/spells.yaml', text: '[]' }])).toEqual([
      'content/tiny/skills.yaml: file is missing',
      'content/tiny/spells.yaml: unknown content file; expected one of world.yaml, words.yaml, zones.yaml, locations.yaml, items.yaml, nodes.yaml, stations.yaml, recipes.yaml, enemies.yaml, effects.yaml, skills.yaml, npcs.yaml, quests.yaml',
    ]);
  });

  it('reports every error at once, across files, and lists them in the message', () => {
    const files = tinyFiles({
      'items.yaml': TINY_ITEMS_BROKEN,
      'zones.yaml': '- id: Harbor Zone\n  name: Harbor\n  description: Wet.\n',
    });
    let caught: unknown;
    try {
      parseContent(files);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ContentError);
    const error = caught as ContentError;
    expect(error.errors).toEqual([
      'content/tiny/items.yaml:4: items[0].kind: must be one of "material", "weapon", "armour", "tool", "potion", "food", "key", "misc", not "rope"',
      'content/tiny/items.yaml:5: items[0].weight: must not be negative',
      'content/tiny/items.yaml:11: items[1].stack: must be at least 1',
      // The zone's id is broken, so the places in it name a zone that does not exist.
      'content/tiny/locations.yaml:2: locations[0].zone: unknown zone "harbor"',
      'content/tiny/locations.yaml:8: locations[1].zone: unknown zone "harbor"',
      'content/tiny/zones.yaml:1: zones[0].id: must be a kebab-case id like "copper-pickaxe", not "Harbor Zone"',
    ]);
    expect(error.message).toBe(`content has 6 errors:\n${error.errors.join('\n')}`);
  });

  it('a broken entry does not make every reference to it an error too', () => {
    // items[0] (rope) is invalid, but its id is still known, so the node, recipe, loot and
    // location that use it are not reported again.
    expect(errorsOf(tinyWith('items.yaml', 'weight: 500', 'weight: -1'))).toEqual([
      'content/tiny/items.yaml:5: items[0].weight: must not be negative',
    ]);
  });
});

const TINY_ITEMS_BROKEN = `- id: rope
  name: rope
  description: A coil of rope.
  kind: rope
  weight: -500
- id: key
  name: key
  description: A key.
  kind: key
  weight: 50
  stack: 0
- id: tonic
  name: tonic
  description: A tonic.
  kind: potion
  weight: 100
  consumable: { hp: 5, cures: [poison], verb: drink }
`;
