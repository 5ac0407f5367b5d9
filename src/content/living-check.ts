/**
 * Content checks for the living isle (engine/living.ts): an NPC's schedule names real places in
 * their own zone, hours in order, none twice; a roaming creature roams one zone, through places
 * it can reach. A zone's fold holds only its own log, so nobody the rules place by the clock may
 * walk out of the zone whose replica answers for them.
 *
 *   checkLiving(lists, ref, report);
 */
import type { Lists, Reporter } from './cross-check.ts';
import type { Path } from './yaml-source.ts';

type Ref = (kind: string, path: Path, target: 'locations', id: string | undefined) => void;

export function checkLiving(lists: Lists, ref: Ref, report: Reporter): void {
  const zoneOf = (id: string): string | undefined => lists.locations.find((l) => l?.id === id)?.zone;
  lists.npcs.forEach((npc, i) => {
    if (!npc) return;
    const home = zoneOf(npc.location);
    let before = -1;
    npc.schedule.forEach((entry, j) => {
      const at: Path = [i, 'schedule', j];
      ref('npcs', [...at, 'location'], 'locations', entry.location);
      const zone = zoneOf(entry.location);
      if (home !== undefined && zone !== undefined && zone !== home) {
        report('npcs', [...at, 'location'], `"${entry.location}" is in the ${zone} zone, and ${npc.name} lives in the ${home} zone; a schedule keeps to its NPC's zone`);
      }
      if (entry.from <= before) report('npcs', [...at, 'from'], `must come after the hour before it (${before}); list the hours in order, each once`);
      before = Math.max(before, entry.from);
    });
    if (npc.schedule.length > 0 && !npc.schedule.some((e) => e.location === npc.location)) {
      report('npcs', [i, 'location'], `${npc.name}'s schedule never brings them to "${npc.location}", their home; name it in the schedule`);
    }
  });
  lists.enemies.forEach((enemy, i) => {
    if (!enemy) return;
    if (enemy.roams !== undefined) {
      const zones = new Set(enemy.locations.map(zoneOf).filter((z) => z !== undefined));
      if (zones.size > 1) report('enemies', [i, 'roams'], `roams ${[...zones].sort().join(' and ')}; a roaming creature keeps to one zone`);
      if (enemy.locations.length < 2) report('enemies', [i, 'roams'], 'a roaming creature needs at least two locations to roam between');
    }
    if (enemy.ambush !== undefined && Object.values(enemy.ambush).every((v) => v === undefined)) {
      report('enemies', [i, 'ambush'], 'names no condition; write "ambush: { night: true }" for a creature that attacks on sight at night');
    }
    if (enemy.ambushes !== undefined && enemy.ambush === undefined) report('enemies', [i, 'ambushes'], 'is never told without an "ambush" saying when it attacks on sight');
  });
}
