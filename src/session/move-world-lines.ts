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
    line('system', 'Type MOVE WORLD NOW to do it, or MOVE WORLD NOW WITHOUT Name, Name to leave those players behind too.'),
  ];
}

const WHY: Readonly<Record<Extract<MoveOutcome, { ok: true }>['left'][number]['why'], string>> = {
  'left-out': 'you left them out',
  banned: 'banned',
  'no-box-key': "their client has not opened the world since it could be moved: give them the new link yourself",
};

/** After MOVE WORLD NOW. */
export function moveWorldDone(r: Extract<MoveOutcome, { ok: true }>): ProseLine[] {
  const lines = [line('system', 'The world has moved to a new link, and you with it: SHARE gives the new one. The old link now opens a frozen copy.')];
  const others = r.carried.length;
  lines.push(line('system', others === 0 ? 'Nobody else follows you there.' : `${others === 1 ? '1 member follows' : `${others} members follow`} you there by themselves: ${r.carried.join(', ')}.`));
  if (r.left.length > 0) lines.push(line('system', `Left behind: ${r.left.map((l) => `${l.name} (${WHY[l.why]})`).join('; ')}.`));
  if (!r.frozen) lines.push(line('refusal', 'Some parts of the old isle could not be reached to freeze them: there, whoever holds the old link can still act.'));
  return lines;
}
