/**
 * Speech and gestures for the one who made them and for those who saw: `emote dances` reads
 * "You dance." to the dancer and "Critic dances." to everyone else; `shout hello` reads
 * "You shout, "hello"" and "Critic shouts, "hello"".
 */
import { baseForm } from './words.ts';

/** Ends a gesture with a full stop unless it already ends a sentence. */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…)"'”]$/.test(t) ? t : `${t}.`;
}

/** An emote as its maker reads it: "dances" -> "You dance."; "waves at Archon" -> "You wave at Archon." */
export function ownEmote(text: string, name: string): string {
  const [verb = '', ...rest] = text.trim().split(/\s+/);
  // A gesture that does not start with a verb in the third person ("emote :)") is shown as others see it.
  if (!/^[a-z]+s$/.test(verb) || /ss$/.test(verb)) return sentence(`${name} ${text}`);
  return sentence(['You', baseForm(verb), ...rest].join(' '));
}

/** An emote as others read it: "Critic dances." */
export function otherEmote(text: string, name: string): string {
  return sentence(`${name} ${text}`);
}
