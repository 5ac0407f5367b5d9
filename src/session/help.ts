/**
 * The in-game HELP text: what a new player can type, with examples taken from the loaded content
 * (a rope that is not on the isle is never advertised). Every example is a command the rule
 * parser reads as an action on a real thing (tests/session/help.test.ts).
 *
 *   helpText(content)     // the whole text, one line per row
 *   helpExamples(content) // the example commands alone
 */
import { listing, pluralOf, withThe as the } from '../content/english.ts';
import type { Content, Item } from '../content/schema.ts';

/** A row of help: example commands, each with an optional note ("x anvil"), and a closing remark. */
interface Row {
  readonly examples: readonly { readonly command: string; readonly note?: string }[];
  readonly after?: string;
}

export function helpText(content: Content): string {
  const rows = helpRows(content).map((row) => {
    const shown = row.examples.map((e) => (e.note ? `${e.command} (${e.note})` : e.command));
    return `  ${[...shown, ...(row.after ? [row.after] : [])].join(', ')}`;
  });
  return [
    'You play by typing what you want to do. Some things to try:',
    ...rows,
    '  with friends: PARTY INVITE Bo, then Bo types PARTY JOIN (those together share each fight\'s EXP and spoils); PARTY shows who is in it; FOLLOW Bo, STOP FOLLOWING; GO TO the inn walks a way you know',
    '  chain commands with THEN; again (g) repeats, oops fixes a typo',
    '  name Ana sets your name; quit leaves (your world is kept).',
  ].join('\n');
}

export function helpExamples(content: Content): string[] {
  return helpRows(content).flatMap((row) => row.examples.map((e) => e.command));
}

function helpRows(content: Content): Row[] {
  const items = [...content.items.values()];
  const first = <T>(list: readonly T[], ok: (x: T) => boolean): T | undefined => list.find(ok);
  const onFloor = [...content.locations.values()].flatMap((l) => l.items.map((s) => content.items.get(s.item))).filter((i): i is Item => i !== undefined);
  const lying = first(onFloor, (i) => i.kind !== 'key');
  const stackable = first(items, (i) => i.stack > 1);
  const station = first([...content.stations.values()], () => true);
  const node = first([...content.nodes.values()], (n) => n.tool === undefined);
  const byHand = first([...content.recipes.values()], (r) => r.station === undefined && r.tools.length === 0);
  const armour = first(items, (i) => i.kind === 'armour' && i.slot === 'head') ?? first(items, (i) => i.kind === 'armour');
  const weapon = first(items, (i) => i.kind === 'weapon');
  const enemy = first([...content.enemies.values()], () => true);
  const skills = [...content.skills.values()].sort((a, b) => a.learnedAt - b.learnedAt);
  const strike = first(skills, (s) => s.power > 0 && s.cost.sp > 0);
  const spell = first(skills, (s) => s.power > 0 && s.cost.mp > 0);
  const potion = first(items, (i) => i.consumable?.verb === 'drink');
  const food = first(items, (i) => i.consumable?.verb === 'eat');
  const npcs = [...content.npcs.values()];
  const asked = first(npcs, (n) => n.topics.some((t) => t.requires === undefined));
  const topic = asked?.topics.find((t) => t.requires === undefined)?.keywords[0];
  const other = first(npcs, (n) => n !== asked);
  const foe = enemy ? (enemy.aliases[0] ?? enemy.name) : undefined;
  const vendor = first(npcs, (n) => n.shop !== undefined);
  const wanted = vendor?.shop?.buys.map((w) => content.items.get(w.item)).find((i): i is Item => i !== undefined && i.stack > 1);

  const rows: Row[] = [
    { examples: [{ command: 'look', note: 'l' }, ...(station ? [{ command: `examine ${the(station.name)}`, note: `x ${station.name}` }] : []), { command: 'inventory', note: 'i' }, { command: 'status' }] },
    { examples: [{ command: 'north', note: 'n' }, { command: 'go up' }, { command: 'enter' }], after: `exits lead between ${zoneList(content)}` },
    {
      examples: [
        ...(lying ? [{ command: `take ${the(lying.name)}` }] : []), { command: 'take all' },
        ...(stackable ? [{ command: `drop 2 ${pluralOf(stackable.name, stackable.plural)}` }] : []),
      ],
    },
    {
      examples: [...(node ? [{ command: `gather from ${the(node.name)}` }] : []), ...(byHand ? [{ command: `craft ${content.items.get(byHand.output.item)?.name ?? byHand.id}` }] : [])],
      after: 'EXAMINE something you could make to see what it needs',
    },
    {
      examples: [
        ...(armour ? [{ command: `wear ${the(armour.name)}` }] : []), ...(weapon ? [{ command: `wield ${the(weapon.name)}` }] : []),
        ...(armour ? [{ command: `remove ${the(armour.name)}` }] : []),
      ],
    },
    {
      examples: foe ? [
        { command: `attack the ${foe}` }, ...(strike ? [{ command: `attack the ${foe} with ${strike.name}` }] : []),
        ...(spell ? [{ command: `cast ${spell.name} at the ${foe}` }] : []),
      ] : [],
    },
    {
      examples: [
        ...(potion ? [{ command: `drink ${the(potion.name)}` }] : []), ...(food ? [{ command: `eat ${the(food.name)}` }] : []),
        { command: 'rest' }, { command: 'wait', note: 'z' },
      ],
    },
    {
      examples: [
        ...(other ? [{ command: `talk to ${the(other.name)}` }] : []), ...(asked && topic ? [{ command: `ask ${the(asked.name)} about the ${topic}` }] : []),
        { command: 'say hello' }, { command: 'wave' },
      ],
      ...(content.quests.size > 0 ? { after: 'JOURNAL (J) keeps your quests' } : {}),
    },
    {
      examples: vendor ? [{ command: 'wares' }, ...(wanted ? [{ command: `sell 2 ${pluralOf(wanted.name, wanted.plural)}` }] : [])] : [],
      after: 'BUY what a vendor sells; OFFER another player something FOR coin, and they ACCEPT or DECLINE',
    },
  ];
  return rows.filter((r) => r.examples.length > 0);
}

/** "the Harbor, the Village, the Northern Coast and the Forest". */
function zoneList(content: Content): string {
  // "The Saltings" already has its article: "the Harbor ... and the Saltings", never "the The Saltings".
  return listing([...content.zones.values()].map((z) => (/^the /i.test(z.name) ? `the ${z.name.slice(4)}` : `the ${z.name}`))) || 'places';
}
