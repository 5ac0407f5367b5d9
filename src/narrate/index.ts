/**
 * Narration: game events and state become prose for one viewer.
 *
 *   const lines = narrateEvents(content, state, events, viewerId, at); // ProseLine[]
 *   const text = plainText(lines);
 */
export { narrateEvents, needsLaterProse } from './events.ts';
export type { RevisionLike } from './revision.ts';
export { describeRoom, describeExits, type AwakePlayers } from './room.ts';
export { laterProse, loadLaterProse } from './later-prose.ts';
export { line, plainText, type ProseLine, type ProseStyle } from './prose.ts';
export * as words from './words.ts';
