/**
 * Private speech: WHISPER (to someone here) and TELL (to someone anywhere on the isle). The text
 * after the verb is kept exactly as typed. Someone here is found at once (a player: words for
 * them alone; an islander: TELL ARCHON ABOUT THE LAMP is talk); a name the scope does not hold
 * goes to the session, which knows every player in the world.
 *
 *   privateSpeech('whisper', ' to Mira meet me at the smithy', scope) // say "meet me at the smithy" to p-mira, whisper
 */
import type { Action } from '../engine/action.ts';
import type { Scope } from '../engine/scope.ts';
import { firstUnsafeChar } from '../engine/text-safety.ts';
import { isPerson, steps, type Outcome } from './act-kit.ts';
import { GREETINGS } from './words.ts';

/** Who the text starts with, among the people here (longest name first), and the rest of it. */
function addressee(scope: Scope, body: string): { id: string; kind: string; name: string; rest: string } | undefined {
  const lower = body.toLowerCase();
  const names = scope.entities.filter(isPerson)
    .flatMap((e) => [e.name, e.name.replace(/^the /i, ''), ...e.aliases].map((name) => ({ id: e.id, kind: e.kind, name: e.name, word: name.toLowerCase() })))
    .sort((a, b) => b.word.length - a.word.length);
  const hit = names.find((n) => lower.startsWith(n.word) && /^($|[\s,:;.!?])/.test(lower.slice(n.word.length)));
  if (hit) return { id: hit.id, kind: hit.kind, name: hit.name, rest: body.slice(hit.word.length).replace(/^[\s,:;]+/, '').replace(/^that\s+/i, '').trim() };
  // "whisper hello to mira": the words first, then whom.
  const end = lower.replace(/[.!?]+$/, '');
  const last = names.find((n) => end.endsWith(` to ${n.word}`));
  return last && { id: last.id, kind: last.kind, name: last.name, rest: body.slice(0, end.length - last.word.length - 4).trim() };
}

export function privateSpeech(kind: 'tell' | 'whisper', raw: string, scope: Scope): Outcome {
  const text = raw.trim().slice(0, 400);
  const whom = kind === 'tell' ? 'Whom do you want to tell' : 'Whom do you want to whisper to';
  if (!text) return { kind: 'ask', status: 'incomplete', text: `${whom}, and what?`, template: `${kind} {}`, candidates: [] };
  if (firstUnsafeChar(text, 'speech') !== null) {
    return { kind: 'fail', status: 'unknown-noun', text: "You can't say that: it holds control or text-direction characters." };
  }
  const body = text.replace(/^to\s+/i, '');
  const here = addressee(scope, body);
  if (!here) return { kind: 'request', request: { kind: 'tell', text: body, whisper: kind === 'whisper' } };
  const person = scope.entities.find((e) => e.id === here.id)!;
  if (here.kind === 'npc') {
    const topic = here.rest.toLowerCase().replace(/^(about|of|regarding)\s+/, '').replace(/^(the|a|an)\s+/, '').replace(/[.!?]+$/, '').slice(0, 40).trim();
    const talk: Action = topic && !GREETINGS.test(topic) ? { kind: 'talk', target: here.id, topic } : { kind: 'talk', target: here.id };
    return steps([{ action: talk }], [person]);
  }
  if (!here.rest) {
    return { kind: 'ask', status: 'incomplete', text: `What do you want to ${kind === 'tell' ? 'tell' : 'whisper to'} ${here.name}?`, template: `${kind} ${here.name} {}`, candidates: [] };
  }
  const say: Action = { kind: 'say', text: here.rest.slice(0, 280), to: here.id, ...(kind === 'whisper' ? { whisper: true as const } : {}) };
  return steps([{ action: say }], [person]);
}
