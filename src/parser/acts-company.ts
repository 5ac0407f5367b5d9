/**
 * Company: PARTY (who is in yours), PARTY INVITE BO / INVITE BO, PARTY JOIN [BO] / JOIN PARTY,
 * PARTY LEAVE / LEAVE PARTY, FOLLOW BO, STOP FOLLOWING / UNFOLLOW. A player is named as anyone
 * here is; FOLLOW of a way out (a path that leads somewhere) goes that way; of anything else it
 * keeps its old answer (say which way to go).
 *
 *   runAct(cmd) // FOLLOW BO -> steps [{ action: { kind: 'follow', target: '<bo's id>' } }]
 */
import { isResolved, need, PERSON, reply, replyFor, steps, the, type Cmd, type Outcome } from './act-kit.ts';
import { NO_SUCH, resolveNouns } from './nouns.ts';
import { ARTICLES } from './words.ts';

const FILLER = new Set(['party', 'group', 'company', 'my', 'your', 'the', 'to', 'into', 'in', 'of', 'invitation', 'invite']);

function whomWords(cmd: Cmd, i = 0): string[] {
  return (cmd.m.nps[i]?.words ?? []).map((w) => w.replace(/'s$/, '')).filter((w) => !ARTICLES.has(w) && !FILLER.has(w));
}

/** PARTY INVITE BO, INVITE BO [TO MY PARTY]. */
function inviteAct(cmd: Cmd): Outcome {
  const words = whomWords(cmd);
  if (words.length === 0) return reply('Whom do you want in your party? PARTY INVITE and their name.');
  const p = resolveNouns(words, cmd.scope, PERSON, cmd.b);
  if (!p.ok || p.hits.length !== 1) return reply("There's nobody here by that name to invite.");
  const e = p.hits[0]!.entity;
  if (e.kind === 'npc') return reply(`${e.name} has a life of ${e.name.startsWith('the ') ? 'its' : 'their'} own on the isle, and will not join a party.`, [e]);
  if (e.kind !== 'player') return reply(`You can't invite ${the(e)}.`, [e]);
  return steps([{ action: { kind: 'party', op: 'invite', target: e.id } }], [e]);
}

/** PARTY JOIN, JOIN BO'S PARTY, ACCEPT THE INVITATION (into a party). */
function joinAct(cmd: Cmd): Outcome {
  const words = whomWords(cmd);
  if (words.length === 0) return steps([{ action: { kind: 'party', op: 'join' } }], []);
  const p = resolveNouns(words, cmd.scope, PERSON, cmd.b);
  if (!p.ok || p.hits[0]!.entity.kind !== 'player') return steps([{ action: { kind: 'party', op: 'join' } }], []);
  return steps([{ action: { kind: 'party', op: 'join', target: p.hits[0]!.entity.id } }], [p.hits[0]!.entity]);
}

/** FOLLOW BO: a player here; FOLLOW THE PATH: where it leads; anything else is the old answer ("say which direction to go"). */
function followAct(cmd: Cmd): Outcome {
  const words = whomWords(cmd);
  // Nobody and nothing here by that name: said as INVITE says it, not "You can't see any such thing."
  if (words.length > 0) {
    const p = resolveNouns(words, cmd.scope, PERSON, cmd.b);
    if (!p.ok && p.status === 'unknown-noun' && p.text === NO_SUCH) return reply("There's nobody here by that name to follow.");
  }
  const r = need(cmd, 0, PERSON, 'Whom do you want to follow?');
  if (!isResolved(r)) return r;
  const e = r.hits[0]!.entity;
  // FOLLOW THE PATH: a way out of here (content's `leads`) is followed where it leads.
  if (e.leads) return { kind: 'steps', steps: [{ action: { kind: 'move', dir: e.leads } }], mentioned: [], moves: true };
  if (e.kind !== 'player') return replyFor('follow', e);
  return steps([{ action: { kind: 'follow', target: e.id } }], [e]);
}

export const COMPANY_ACTS: ReadonlyMap<string, (cmd: Cmd, param: string | undefined) => Outcome> = new Map<string, (cmd: Cmd, param: string | undefined) => Outcome>([
  ['party', (cmd, param) => {
    switch (param) {
      case 'invite': return inviteAct(cmd);
      case 'join': return joinAct(cmd);
      case 'leave': return steps([{ action: { kind: 'party', op: 'leave' } }], []);
      default: return { kind: 'request', request: { kind: 'party' } };
    }
  }],
  ['follow', followAct],
  ['unfollow', () => steps([{ action: { kind: 'unfollow' } }], [])],
]);
