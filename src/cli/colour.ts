/**
 * Terminal colours for prose styles; off when NO_COLOR is set or stdout is not a terminal.
 * The prose itself is made inert first (terminal-text.ts): only our own colour codes reach the
 * terminal as codes.
 */
import type { ProseLine, ProseStyle } from '../session/index.ts';
import { forTerminal } from './terminal-text.ts';

const CODES: Readonly<Record<ProseStyle, readonly [number, number]>> = {
  title: [1, 22], // bold
  body: [0, 0],
  here: [36, 39], // cyan
  exits: [32, 39], // green
  other: [35, 39], // magenta
  speech: [33, 39], // yellow
  combat: [31, 39], // red
  reward: [93, 39], // bright yellow
  refusal: [91, 39], // bright red
  note: [2, 22], // dim
  revision: [95, 39], // bright magenta
  system: [2, 22],
};

export function colourEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in env) && env.TERM !== 'dumb';
}

export function renderLines(lines: readonly ProseLine[], colour: boolean): string {
  return lines
    .map((l) => {
      const [on, off] = CODES[l.style];
      const text = forTerminal(l.text);
      return colour && on !== 0 ? `\x1b[${on}m${text}\x1b[${off}m` : text;
    })
    .join('\n');
}
