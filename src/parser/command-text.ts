/**
 * The command a player could type for an intent, naming entities by `#id`: what AGAIN repeats and
 * pronouns bind after a line the language model read, and a round-trip check that the rule
 * parser can express every intent.
 *
 *   commandFor({ kind: 'give', target: 'rope', to: 'archon', qty: 2 }) // 'give 2 #rope to #archon'
 */
import { DIRECTIONS } from '../content/vocabulary.ts';
import type { Action, Goods } from '../engine/action.ts';

const isDir = (s: string) => (DIRECTIONS as readonly string[]).includes(s);
const n = (qty: number | undefined) => (qty === undefined ? '' : `${qty} `);

export function commandFor(a: Action): string {
  switch (a.kind) {
    case 'look': case 'inventory': case 'status': case 'rest': case 'wait': return a.kind;
    case 'examine': return `examine #${a.target}`;
    case 'move': return `go ${a.dir}`;
    case 'take': return `take ${n(a.qty)}#${a.target}${a.from === undefined ? '' : ` from #${a.from}`}`;
    case 'drop': return `drop ${n(a.qty)}#${a.target}`;
    case 'give': return `give ${n(a.qty)}#${a.target} to #${a.to}`;
    case 'equip': return `equip #${a.target}`;
    case 'unequip': return `unequip ${/^[a-z]+[A-Z]/.test(a.target) || /^(head|body|hands|feet)$/.test(a.target) ? slotWords(a.target) : `#${a.target}`}`;
    case 'use': return a.with === undefined ? `use #${a.target}` : `use #${a.target} on ${isDir(a.with) ? `${a.with} door` : `#${a.with}`}`;
    case 'gather': return `gather #${a.target}`;
    case 'craft': return `craft ${n(a.qty)}#${a.target}`;
    case 'attack': return a.with === undefined ? `attack #${a.target}` : `attack #${a.target} with #${a.with}`;
    case 'talk': return a.topic === undefined ? `talk to #${a.target}` : `talk to #${a.target} about ${a.topic}`;
    case 'say': return `${a.shout ? 'shout' : 'say'} ${a.text}`;
    case 'emote': return `emote ${a.text}`;
    case 'join': case 'name': return `name ${a.name}`;
    case 'retire': return 'start over';
    case 'moved': return 'move world';
    case 'ban': case 'unban': case 'mute': case 'unmute': case 'mod': case 'unmod': return `${a.kind} #${a.target}`;
    case 'buy': return `buy ${n(a.qty)}#${a.target}${a.from === undefined ? '' : ` from #${a.from}`}`;
    case 'sell': return `sell ${n(a.qty)}#${a.target}${a.to === undefined ? '' : ` to #${a.to}`}`;
    case 'wares': return a.target === undefined ? 'wares' : `wares of #${a.target}`;
    case 'offer': return `offer #${a.to} ${goodsWords(a.gives)} for ${goodsWords(a.wants)}`;
    case 'accept': case 'decline': return a.from === undefined ? a.kind : `${a.kind} #${a.from}`;
    case 'party': return a.target === undefined ? `party ${a.op}` : `party ${a.op} #${a.target}`;
    case 'follow': return `follow #${a.target}`;
    case 'unfollow': return 'stop following';
    case 'put': return `put ${n(a.qty)}#${a.target} in #${a.in}`;
    case 'open': case 'close': return `${a.kind} #${a.target}`;
    default: {
      const never: never = a;
      return String(never);
    }
  }
}

function goodsWords(g: Goods): string {
  const parts = (g.items ?? []).map((s) => `${s.qty} #${s.item}`);
  if (g.coin) parts.push(`${g.coin} coin`);
  return parts.length > 0 ? parts.join(' and ') : 'nothing';
}

function slotWords(slot: string): string {
  return slot === 'mainHand' ? 'main hand' : slot === 'offHand' ? 'off hand' : slot;
}
