// Gathering what is already carried, and in a fight: a bare ATTACK goes on with the enemy already fought, and CAST TIDE BOLT (a skill that
// strikes) is cast at it, or at the only enemy here; among several it asks at which. A skill used
// on oneself (mend) is still used without a target.
import { describe, expect, it } from 'vitest';
import type { Scope } from '../../src/engine/scope.ts';
import { RuleParser } from '../../src/parser/rule-parser.ts';
import { ent } from './fixtures.ts';

const skills = [
  { ...ent('tide-bolt', 'skill', 'tide bolt', { where: 'known', aliases: ['bolt'] }), strikes: true as const },
  ent('mend', 'skill', 'mend', { where: 'known', aliases: ['heal'] }),
];
const wraith = ent('brine-wraith', 'enemy', 'brine wraith', { aliases: ['wraith'] });
const eel = ent('reef-eel', 'enemy', 'reef eel', { aliases: ['eel'] });
const cave: Scope = { player: 'p-ana', location: 'sea-cave', exits: ['out'], entities: [wraith, eel, ...skills] };
const parse = (line: string, scope: Scope) => new RuleParser().parse(line, scope);

describe('in a fight', () => {
  it('a bare ATTACK goes on with the enemy fought, though another is here', () => {
    expect(parse('attack', { ...cave, fighting: 'brine-wraith' }).intents).toEqual([{ kind: 'attack', target: 'brine-wraith' }]);
    expect(parse('attack', cave)).toMatchObject({ status: 'incomplete', text: 'What do you want to attack?' });
    expect(parse('attack the eel', { ...cave, fighting: 'brine-wraith' }).intents).toEqual([{ kind: 'attack', target: 'reef-eel' }]);
  });

  it('CAST TIDE BOLT is cast at the enemy fought, or the only one here, and asks among several', () => {
    expect(parse('cast tide bolt', { ...cave, fighting: 'reef-eel' }).intents).toEqual([{ kind: 'attack', target: 'reef-eel', with: 'tide-bolt' }]);
    expect(parse('cast tide bolt', { ...cave, entities: [eel, ...skills] }).intents).toEqual([{ kind: 'attack', target: 'reef-eel', with: 'tide-bolt' }]);
    const p = new RuleParser();
    expect(p.parse('cast tide bolt', cave)).toMatchObject({ status: 'incomplete', text: 'What do you want to cast the tide bolt at?' });
    expect(p.parse('the wraith', cave).intents).toEqual([{ kind: 'attack', target: 'brine-wraith', with: 'tide-bolt' }]);
    expect(parse('cast tide bolt', { ...cave, entities: skills })).toMatchObject({ status: 'ok', intents: [], text: 'There is nothing here to cast the tide bolt at.' });
  });

  it('a skill used on oneself needs no target', () => {
    expect(parse('cast mend', { ...cave, fighting: 'reef-eel' }).intents).toEqual([{ kind: 'use', target: 'mend' }]);
  });
});

describe('gathering what is already in the pack', () => {
  it('"gather driftwood sticks" with sticks carried is the pile here that yields them', () => {
    const beach: Scope = {
      player: 'p-ana', location: 'beach', exits: ['east'],
      entities: [
        { ...ent('driftwood-pile', 'node', 'driftwood pile', { aliases: ['pile', 'driftwood'], qty: 8 }), yields: 'driftwood' },
        ent('driftwood', 'item', 'driftwood stick', { where: 'carried', qty: 3, aliases: ['driftwood', 'stick'], plural: 'driftwood sticks' }),
      ],
    };
    expect(parse('gather driftwood sticks', beach).intents).toEqual([{ kind: 'gather', target: 'driftwood-pile' }]);
    expect(parse('gather 2 driftwood sticks', beach).intents).toEqual([{ kind: 'gather', target: 'driftwood-pile', qty: 2 }]);
    expect(parse('gather driftwood sticks', { ...beach, entities: beach.entities.slice(1) })).toMatchObject({ intents: [] });
  });
});
