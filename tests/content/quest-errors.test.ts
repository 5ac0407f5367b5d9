// quests.yaml is validated like every content file: each problem as `file:line: field: message`,
// and every id a quest names must exist (NPCs and their topics, items, places, enemies, quests).
import { describe, expect, it } from 'vitest';
import { parseContent } from '../../src/content/index.ts';
import { loadContentDir } from '../../src/content/node-load.ts';
import { contentErrors as errorsOf, tinyFiles, tinyWith } from './fixture.ts';

const quests = (text: string) => tinyFiles({ 'quests.yaml': text });
const QUEST = (objective: string, extra = '') => `- id: q
  name: Q
${extra}  stages:
    - id: s
      text: Do it.
      objectives:
        - ${objective}
  finished: Done.
`;

describe('quests.yaml is checked', () => {
  it('loads the tiny quest and the isle\'s quests', () => {
    expect(parseContent(tinyFiles()).quests.get('fetch-rope')?.stages[0]?.objectives[0]).toMatchObject({ deliver: 'rope', qty: 2, to: 'keeper' });
    expect(loadContentDir('content/vetrellis').quests.size).toBeGreaterThanOrEqual(6);
  });

  it('an unknown NPC, item or topic, at its line, with a suggestion', () => {
    expect(errorsOf(tinyWith('quests.yaml', 'to: keeper,', 'to: keper,'))).toEqual([
      'content/tiny/quests.yaml:8: quests[0].stages[0].objectives[0].to: unknown NPC "keper" (did you mean "keeper"?)',
    ]);
    expect(errorsOf(tinyWith('quests.yaml', 'deliver: rope,', 'deliver: ropes,'))).toEqual([
      'content/tiny/quests.yaml:8: quests[0].stages[0].objectives[0].deliver: unknown item "ropes" (did you mean "rope"?)',
    ]);
    expect(errorsOf(quests(QUEST('{ talk: keeper, topic: keeper-lamp, text: Ask }')))).toEqual([
      'content/tiny/quests.yaml:7: quests[0].stages[0].objectives[0].topic: "keeper" has no topic "keeper-lamp"',
    ]);
    expect(errorsOf(quests(QUEST('{ visit: quay, text: Go }', '  requires: { quests: [fetch-rop] }\n')))).toEqual([
      'content/tiny/quests.yaml:3: quests[0].requires.quests[0]: unknown quest "fetch-rop"',
    ]);
  });

  it('an objective must name exactly one deed, and its fields must fit that deed', () => {
    expect(errorsOf(quests(QUEST('{ visit: quay, talk: keeper, text: Both }')))).toEqual([
      'content/tiny/quests.yaml:7: quests[0].stages[0].objectives[0]: names visit and talk; give exactly one deed (split it into two objectives)',
    ]);
    expect(errorsOf(quests(QUEST('{ text: Nothing }')))).toEqual([
      'content/tiny/quests.yaml:7: quests[0].stages[0].objectives[0]: names no deed; give exactly one of visit, talk, gather, craft, defeat, deliver, flag, work, together',
    ]);
    expect(errorsOf(quests(QUEST('{ deliver: rope, text: To whom }')))).toEqual([
      'content/tiny/quests.yaml:7: quests[0].stages[0].objectives[0].to: is required with "deliver": the NPC who takes the items',
    ]);
    expect(errorsOf(quests(QUEST('{ visit: quay, qty: 3, text: Thrice }')))).toEqual([
      'content/tiny/quests.yaml:7: quests[0].stages[0].objectives[0].qty: a "visit" objective is done once; qty is for gather, craft, defeat, deliver',
    ]);
    expect(errorsOf(quests(QUEST('{ visit: quay }')))).toEqual([
      'content/tiny/quests.yaml:7: quests[0].stages[0].objectives[0].text: is required',
    ]);
  });

  it('a flag that nothing sets, and a quest that requires itself through another', () => {
    expect(errorsOf(quests(QUEST('{ flag: lamp-lit, text: Wait }')))).toEqual([
      'content/tiny/quests.yaml:7: quests[0].stages[0].objectives[0].flag: no lock, NPC topic or quest sets the flag "lamp-lit"',
    ]);
    const a = QUEST('{ visit: quay, text: Go }', '  requires: { quests: [b] }\n');
    const b = a.replace('- id: q', '- id: b').replace('[b]', '[q]');
    expect(errorsOf(quests(a + b))).toEqual([
      'content/tiny/quests.yaml:3: quests[0].requires.quests: requires itself through other quests, so it could never be offered',
      'content/tiny/quests.yaml:12: quests[1].requires.quests: requires itself through other quests, so it could never be offered',
    ]);
  });

  it('a world quest counts deliveries only, and waits for no trigger', () => {
    expect(errorsOf(quests(QUEST('{ visit: quay, text: Go }', '  scope: world\n  starts: { visit: shed }\n')))).toEqual([
      'content/tiny/quests.yaml:4: quests[0].starts: a world quest is open from the start; it cannot wait for a trigger',
      'content/tiny/quests.yaml:9: quests[0].stages[0].objectives[0].visit: a world quest counts deliveries only (everyone\'s goes into one tally); use "deliver" with "to"',
    ]);
  });

  it('a together objective: two parts or more, each a visit, talk or thing that works, that exist; within goes with it only', () => {
    const WORKING = tinyWith('locations.yaml', '  description: A stone quay.\n', '  description: A stone quay.\n  scenery:\n    - name: lever\n      description: Iron.\n      works: { text: You pull it., seen: pulls the lever }\n');
    const withQuest = (objective: string) => [...WORKING.filter((f) => !f.name.endsWith('quests.yaml')), { name: 'content/tiny/quests.yaml', text: QUEST(objective) }];
    expect(errorsOf(withQuest('{ together: [{ work: lever }, { visit: shed }], within: 2, text: Both }'))).toEqual([]);
    expect(errorsOf(withQuest('{ together: [{ work: levr }, { talk: keeper }], text: Both }'))).toEqual([
      'content/tiny/quests.yaml:7: quests[0].stages[0].objectives[0].together[0].work: no room has a thing "levr" that works (scenery with "works")',
    ]);
    expect(errorsOf(withQuest('{ together: [{ work: lever }], text: Alone }'))).toEqual([
      'content/tiny/quests.yaml:7: quests[0].stages[0].objectives[0].together: needs at least two parts, one for each player',
    ]);
    expect(errorsOf(withQuest('{ together: [{ work: lever }, { deliver: rope, to: keeper }], text: Both }'))).toEqual([
      'content/tiny/quests.yaml:7: quests[0].stages[0].objectives[0].together[1].deliver: "deliver" cannot be one player\'s part of "together"; use one of visit, talk, work',
    ]);
    expect(errorsOf(withQuest('{ work: lever, within: 2, text: Pull }'))).toEqual([
      'content/tiny/quests.yaml:7: quests[0].stages[0].objectives[0].within: goes with "together" only',
    ]);
    expect(errorsOf(withQuest('{ together: [{ visit: quay }, { visit: atlantis }], text: Both }'))).toEqual([
      'content/tiny/quests.yaml:7: quests[0].stages[0].objectives[0].together[1].visit: unknown location "atlantis"',
    ]);
  });

  it('NPC topics that follow quests name real quests and stages; a flag set only by a quest counts as settable', () => {
    const npcs = (topic: string) => tinyWith('npcs.yaml', '      sets: keeper-spoke\n', `      sets: keeper-spoke\n${topic}`);
    expect(errorsOf(npcs('    - { id: k2, keywords: [rope], text: Thanks., during: { quest: fetch-rope, stage: find-them } }\n'))).toEqual([
      'content/tiny/npcs.yaml:12: npcs[0].topics[1].during.stage: quest "fetch-rope" has no stage "find-them"',
    ]);
    expect(errorsOf(npcs('    - { id: k2, keywords: [rope], text: Thanks., after: fetch-ropes }\n'))).toEqual([
      'content/tiny/npcs.yaml:12: npcs[0].topics[1].after: unknown quest "fetch-ropes" (did you mean "fetch-rope"?)',
    ]);
    expect(errorsOf(npcs('    - { id: k2, keywords: [rope], text: Thanks., requires: roped, unless: keeper-spoke }\n'))).toEqual([]);
  });
});
