/**
 * The schemas of the words that intents and player states share with content: ids, directions
 * and slots. Written with zod's tree-shakable `zod/mini` API, like every schema the page loads
 * (intents, player states): the content schemas (schema.ts, checked at build time and in Node)
 * use classic zod and reuse the pattern and message from here.
 *
 *   Id.safeParse('copper-pickaxe').success   // true
 */
import { z } from 'zod/mini';
import { DIRECTIONS, SLOTS } from './vocabulary.ts';

export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const idError = (issue: { input?: unknown }): string => `must be a kebab-case id like "copper-pickaxe", not ${JSON.stringify(issue.input)}`;

export const Id = z.string().check(z.regex(ID_PATTERN, { error: idError }));
export const Direction = z.enum(DIRECTIONS);
export const Slot = z.enum(SLOTS);

/** A scenery's id as actions carry it: its name in kebab case ("sluice wheel" -> "sluice-wheel"). */
export { sceneryId } from './vocabulary.ts';
