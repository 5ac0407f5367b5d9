/**
 * The narrator's output: lines of prose, each with a style so a terminal can colour them and
 * the web app can set them apart (room titles, exits, other players' actions, revisions).
 */
export type ProseStyle =
  | 'title' // a room name
  | 'body' // ordinary narration
  | 'here' // what is in the room: items, nodes, enemies, people
  | 'exits'
  | 'other' // what another player did
  | 'speech'
  | 'combat'
  | 'reward' // EXP, loot, level-up
  | 'refusal'
  | 'note' // parser asides: "(first taking the rope)"
  | 'revision' // the shared world changed what you saw
  | 'system';

export interface ProseLine {
  readonly style: ProseStyle;
  readonly text: string;
}

export function line(style: ProseStyle, text: string): ProseLine {
  return { style, text };
}

/** Plain text of a block of prose, one line each. */
export function plainText(lines: readonly ProseLine[]): string {
  return lines.map((l) => l.text).join('\n');
}
