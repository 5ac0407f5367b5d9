/**
 * The fixed words of every world: the directions an exit can take and the equipment slots. Kept
 * apart from the zod schemas (schema.ts) so the engine and parser can use them without bringing
 * the schema library into code that never validates anything.
 */
export const DIRECTIONS = [
  'north', 'south', 'east', 'west',
  'northeast', 'northwest', 'southeast', 'southwest',
  'up', 'down', 'in', 'out',
] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const SLOTS = ['head', 'body', 'hands', 'feet', 'mainHand', 'offHand'] as const;
export type Slot = (typeof SLOTS)[number];
