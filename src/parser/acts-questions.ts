/**
 * Questions and errands players type that are answered by the session from what this device
 * holds (WHERE IS, TIME, MAP, WHO, CONSIDER, HOW DO I, WHAT CAN I CRAFT: nothing is written), and
 * everyday phrasings mapped onto actions that exist: HEAL (the healing skill), ORDER FOOD / RENT A
 * BED (asking whoever keeps the place, then resting), SMELT ORE and CRAFT <thing> AT <station>.
 *
 *   QUESTION_ACTS.get('consider')!(cmd) // "consider crab" -> request consider tide-crab
 */
import type { Action } from '../engine/action.ts';
import {
  ENEMY, isNpc, isPerson, isResolved, need, RECIPE, reply, role, steps, the, type Cmd, type Outcome,
} from './act-kit.ts';
import { narrowCraft } from './craft-choice.ts';
import type { SessionRequest } from './types.ts';
import { ARTICLES } from './words.ts';
import { agree } from '../content/english.ts';

type Act = (cmd: Cmd, param: string | undefined) => Outcome;

const ask = (request: SessionRequest): Outcome => ({ kind: 'request', request });
const wordsOf = (cmd: Cmd, i = 0) => (cmd.m.nps[i]?.words ?? []).filter((w) => !ARTICLES.has(w));

function considerAct(cmd: Cmd): Outcome {
  const r = need(cmd, 0, ENEMY, 'What do you want to size up?', (e) => e.kind === 'enemy');
  if (!isResolved(r)) return r;
  const e = r.hits[0]!.entity;
  if (e.kind === 'enemy') return ask({ kind: 'consider', target: e.id });
  if (e.kind === 'player') return reply(`${e.name} is a fellow traveller, not a foe.`, [e]);
  if (e.kind === 'npc') return reply(`${cap(the(e))} means you no harm.`, [e]);
  return reply(`${cap(the(e))} ${agree(e, 'is')} no threat to anyone.`, [e]);
}

/** HEAL / HEAL ME / MEND: the known skill that is called heal (mend's alias), used on yourself. */
function healAct(cmd: Cmd): Outcome {
  const skill = cmd.scope.entities.find((e) => e.kind === 'skill' && [e.name, ...e.aliases].some((n) => n === 'heal' || n === 'mend'));
  const whom = wordsOf(cmd);
  const self = whom.length === 0 || whom.every((w) => ['me', 'myself', 'self', 'up', 'yourself', 'wounds', 'my'].includes(w));
  if (!self) {
    const r = need(cmd, 0, role('heal', isPerson), '');
    if (!isResolved(r)) return r;
    return reply(skill ? `${cap(skill.name)} only knits your own wounds; ${the(r.hits[0]!.entity)} must see to their own.` : `You have no way to heal ${the(r.hits[0]!.entity)}.`);
  }
  if (!skill) return reply('You have not learned a healing skill yet. REST, or eat or drink something that mends, to recover.');
  return steps([{ action: { kind: 'use', target: skill.id } }], [skill]);
}

const FOOD = new Set(['food', 'meal', 'supper', 'dinner', 'breakfast', 'lunch', 'stew', 'soup', 'biscuit', 'biscuits', 'something', 'bread', 'eat']);
const BED = new Set(['bed', 'room', 'bunk', 'cot', 'sleep', 'night', 'rest']);

/** ORDER FOOD, RENT A BED, BUY A MEAL (nothing on a vendor's shelf by that name): whoever keeps the place is asked. */
function orderAct(cmd: Cmd, param: string | undefined): Outcome {
  const words = wordsOf(cmd).filter((w) => !['a', 'some', 'please', 'me'].includes(w));
  const host = cmd.scope.entities.find(isNpc);
  const bed = words.some((w) => BED.has(w));
  const food = words.some((w) => FOOD.has(w));
  // BUY A SWORD: nobody sells; only food and a bed are asked for.
  if (param === 'buy' && !bed && !food) return reply('Nobody here sells that. WARES shows what a vendor has for sale.');
  const topic = bed ? 'bed' : food ? 'food' : words.join(' ').slice(0, 40);
  // BUY A BISCUIT on the quay: the same answer as buying anything where nobody sells.
  if (!host && param === 'buy' && !bed) return reply('Nobody here is buying or selling. Vendors keep shop in the village; WARES shows what one has.');
  if (!host) {
    return reply(bed
      ? 'There is nobody here to rent you a bed. You can REST wherever it is quiet, or find a hearth that takes in travellers.'
      : 'There is nobody here to serve you. Find whoever keeps a kitchen and ask, or BUY from a vendor.');
  }
  if (!topic) return { kind: 'ask', status: 'incomplete', text: `What do you want to ${cmd.verb}?`, template: `${cmd.verb} {}`, candidates: [] };
  const talk: Action = { kind: 'talk', target: host.id, topic };
  return steps([{ action: talk, note: `(asking ${the(host)})` }, ...(bed ? [{ action: { kind: 'rest' } as Action }] : [])], [host]);
}

/** CRAFT the sword AT the anvil: the place is where the recipe says; the thing is what counts. */
function craftAtAct(cmd: Cmd): Outcome {
  const first = cmd.m.nps[0];
  const r = need({ ...cmd, m: { ...cmd.m, nps: first ? [first] : [] } }, 0, RECIPE, `What do you want to ${cmd.verb}?`);
  if (!isResolved(r)) return r.kind === 'fail' ? ask({ kind: 'crafts', what: wordsOf(cmd).join(' '), here: false, make: true }) : narrowCraft(cmd, r) ?? r;
  const e = r.hits[0]!.entity;
  if (e.kind !== 'recipe') return ask({ kind: 'crafts', what: wordsOf(cmd).join(' '), here: false, make: true });
  return steps([{ action: { kind: 'craft', target: e.id }, note: r.notes[0] }], [], r.notes.length > 0);
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const QUESTION_ACTS: ReadonlyMap<string, Act> = new Map<string, Act>([
  ['whereis', (cmd) => ask({ kind: 'where', what: wordsOf(cmd).join(' ') })],
  ['time', () => ask({ kind: 'time' })],
  ['weather', () => ask({ kind: 'weather' })],
  ['map', () => ask({ kind: 'map' })],
  ['journal', () => ask({ kind: 'journal' })],
  ['who', () => ask({ kind: 'who' })],
  ['members', () => ask({ kind: 'members' })],
  ['consider', considerAct],
  ['hint', (cmd) => ask({ kind: 'hint', about: wordsOf(cmd).join(' ') })],
  // crafts: list; crafts:here: what this place allows; crafts:make: craft it when one recipe fits; crafts:smelt: the same, of
  // smelting; crafts:smeltable: the list of what can be smelted.
  ['crafts', (cmd, param) => ask({
    kind: 'crafts', what: wordsOf(cmd).join(' '), here: param === 'here', make: param === 'make' || param === 'smelt',
    ...(param === 'smelt' || param === 'smeltable' ? { smelt: true } : {}),
  })],
  ['craftat', craftAtAct],
  ['heal', healAct],
  ['order', orderAct],
]);
