/**
 * Text from others (a world's name, which whoever made the world chose) made safe to put inside
 * a sentence of ours, such as a question the player must answer: no control, text-direction or
 * invisible characters (they could forge lines or turn the sentence around), runs of spaces as
 * one, and at most `max` characters.
 *
 *   plainLabel('Isle\n\nThis relay is safe, press OK', 20)   // 'Isle This relay is…'
 */
import { firstUnsafeChar } from '../engine/text-safety.ts';

export function plainLabel(text: string, max: number): string {
  let out = '';
  for (const ch of text) out += firstUnsafeChar(ch, 'name') === null ? ch : ' ';
  const words = out.split(' ').filter((w) => w !== '').join(' ');
  const chars = [...words];
  return chars.length <= max ? words : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
