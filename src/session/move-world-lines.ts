/**
 * MOVE WORLD in words (issue 19): what the isle's maker reads before moving the world, and after.
 * Honest about what moves: until the state transfer (issue 15) is plugged in, nothing of what
 * happened on the isle goes to the new link.
 */
import { line, type ProseLine } from '../narrate/index.ts';
import type { MoveOutcome } from './world.ts';

/** MOVE WORLD alone: what it does, and how to do it. */
export function moveWorldExplained(carriesState: boolean): ProseLine[] {
  return [
    line('system', 'MOVE WORLD gives this world a new link and freezes the old one. Every member you carry follows to the new link by themselves; whoever holds only the old link (a leaked one, say) is left behind in the frozen copy, where nothing more happens. Banned players are always left behind.'),
    line('system', carriesState
      ? 'What has happened on the isle moves with it.'
      : 'What has happened on the isle does not move with it yet: the new link opens a fresh isle, and the old copy keeps everything, frozen.'),
    line('system', 'Type MOVE WORLD NOW to do it, or MOVE WORLD NOW WITHOUT Name, Name to leave those players behind too. If a move cannot finish (part of the isle out of reach), MOVE WORLD FINISH finishes it later.'),
  ];
}

const WHY: Readonly<Record<Moved['left'][number]['why'], string>> = {
  'left-out': 'you left them out',
  banned: 'banned',
  'no-box-key': "their client has not opened the world since it could be moved: give them the new link yourself",
};

/** A move done: who followed, who was left behind. */
type Moved = Extract<MoveOutcome, { readonly carried: readonly string[] }>;

/** Why MOVE WORLD NOW (or FINISH, `finishing`) did not move the world, in words. */
export function moveRefusalText(r: Extract<MoveOutcome, { ok: false }>, finishing: boolean): string {
  switch (r.reason) {
    case 'not-owner': return finishing ? "Only the isle's maker can finish moving this world." : "Only the isle's maker can move this world to a new link.";
    case 'busy': return 'The world is being moved already.';
    case 'watching': return 'This world is open in another tab or window of yours; this one only watches. Move it from there.';
    case 'not-opened': return 'The world has moved to a new link, but it could not be opened here just now; open the world again to follow it.';
    case 'not-carried': return `The old isle is frozen, but what happened on it could not be carried to the new link yet (${r.detail}). Type MOVE WORLD FINISH to finish once you are back online.`;
    case 'no-new-world': return finishing
      ? 'The new link could not be made ready on the relay just now; the move is still not finished. Type MOVE WORLD FINISH again once you are back online.'
      : 'The new link could not be made ready on the relay just now; nothing was moved. Try again once you are back online.';
    case 'not-moved': return 'There is no move to finish: this world is not being moved. MOVE WORLD tells you how to move it.';
    case 'arrived': return 'The move is finished already: this is the world\'s new link, and SHARE gives it.';
    case 'old-unreachable': return 'The old link still could not be reached everywhere, so some parts of the old isle are not frozen yet. Type MOVE WORLD FINISH again once you are back online.';
    case 'who-left-out': return 'This world is frozen halfway through a move this device does not remember starting, so it does not know whom you meant to leave behind. Type MOVE WORLD FINISH WITHOUT Name, Name to leave them behind, or MOVE WORLD FINISH WITHOUT NOBODY to take every member but banned players.';
  }
}

/** After MOVE WORLD FINISH moved the world, or froze the old copy everywhere. */
export function moveWorldFinished(r: Extract<MoveOutcome, { ok: true }>): ProseLine[] {
  if ('refrozen' in r) return [line('system', 'The move is finished: every part of the old isle is frozen now, and whoever holds only the old link can do nothing there.')];
  return [line('system', 'The move is finished.'), ...moveWorldDone(r)];
}

/** After MOVE WORLD NOW. */
export function moveWorldDone(r: Moved): ProseLine[] {
  const lines = [line('system', 'The world has moved to a new link, and you with it: SHARE gives the new one. The old link now opens a frozen copy.')];
  const others = r.carried.length;
  lines.push(line('system', others === 0 ? 'Nobody else follows you there.' : `${others === 1 ? '1 member follows' : `${others} members follow`} you there by themselves: ${r.carried.join(', ')}.`));
  if (r.left.length > 0) lines.push(line('system', `Left behind: ${r.left.map((l) => `${l.name} (${WHY[l.why]})`).join('; ')}.`));
  if (!r.frozen) lines.push(line('refusal', 'Some parts of the old isle could not be reached to freeze them: there, whoever holds the old link can still act.'));
  return lines;
}
