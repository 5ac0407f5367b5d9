/**
 * Acts of getting about that the scope alone cannot settle, handed to the session as requests:
 * GO TO / HEAD TO / WALK TO a known place (walked room by room), GO BACK the way you came, and
 * FLEE / RUN AWAY / RETREAT from a fight. A direction is still a plain move.
 *
 *   TRAVEL_ACTS.get('travel')!(cmd) // "go to the village" -> { kind: 'request', request: { kind: 'travel', to: 'village' } }
 */
import { ANY, isResolved, need, replyFor, type Cmd, type Outcome } from './act-kit.ts';
import { ARTICLES, directionOf } from './words.ts';

type Act = (cmd: Cmd, param: string | undefined) => Outcome;

function travelAct(cmd: Cmd): Outcome {
  const words = (cmd.m.nps[0]?.words ?? []).filter((w) => !ARTICLES.has(w));
  const dir = directionOf(words);
  if (dir) return { kind: 'steps', steps: [{ action: { kind: 'move', dir } }], mentioned: [], moves: true };
  if (words.length === 0) return { kind: 'ask', status: 'incomplete', text: 'Where do you want to go?', template: 'go to {}', candidates: [] };
  // What to say when no known place has that name: a thing here ("go to the boat") keeps its reply.
  const r = need(cmd, 0, ANY, '');
  const otherwise = isResolved(r) ? textOf(replyFor('goto', r.hits[0]!.entity)) : textOf(r);
  return { kind: 'request', request: { kind: 'travel', to: words.join(' '), ...(otherwise ? { otherwise } : {}) } };
}

function textOf(o: Outcome): string | undefined {
  return o.kind === 'reply' || o.kind === 'fail' ? o.text : undefined;
}

export const TRAVEL_ACTS: ReadonlyMap<string, Act> = new Map<string, Act>([
  ['travel', travelAct],
  ['back', () => ({ kind: 'request', request: { kind: 'back' } })],
  ['flee', () => ({ kind: 'request', request: { kind: 'flee' } })],
]);
