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

/** The living isle's clock words (engine/clock.ts): parts of the day, weathers, states of the tide. */
export const PHASES = ['dawn', 'day', 'dusk', 'night'] as const;
export type Phase = (typeof PHASES)[number];
export const WEATHERS = ['clear', 'overcast', 'fog', 'rain', 'storm'] as const;
export type Weather = (typeof WEATHERS)[number];
export const TIDES = ['high', 'ebb', 'low', 'flood'] as const;
export type Tide = (typeof TIDES)[number];

/** The id a piece of scenery is known by (its name, kebab-cased): in a module without zod, for the app's first screen. */
export function sceneryId(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}
