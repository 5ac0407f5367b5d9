/**
 * The map's fixed part, computed once per content: every room's cell (map-layout.ts), name,
 * zone colour and exits. The map component adds what changes: visited rooms and where you are.
 */
import type { Content } from '../session/index.ts';
import { layoutRooms, type Cell } from './map-layout.ts';

export interface MapRoom {
  readonly id: string;
  readonly name: string;
  readonly zone: string;
  readonly colour: string;
  readonly cell: Cell;
  /** Each exit's direction as the story says it (north, in, up ...) and the room it leads to. */
  readonly exits: readonly { readonly dir: string; readonly to: string }[];
}

export interface MapModel {
  readonly rooms: ReadonlyMap<string, MapRoom>;
  readonly zones: ReadonlyMap<string, { readonly name: string; readonly colour: string }>;
}

export function buildMapModel(content: Content): MapModel {
  const locations = [...content.locations.values()];
  const layout = layoutRooms(
    content.world.start,
    locations.map((l) => ({ id: l.id, exits: l.exits.map((x) => ({ dir: x.dir, to: x.to })) })),
  );
  const zones = new Map([...content.zones.values()].map((z) => [z.id, { name: z.name, colour: z.color }]));
  const rooms = new Map<string, MapRoom>();
  for (const l of locations) {
    rooms.set(l.id, {
      id: l.id, name: l.name, zone: l.zone, colour: zones.get(l.zone)?.colour ?? '#888888',
      cell: layout.get(l.id) ?? { x: 0, y: 0 }, exits: l.exits.map((x) => ({ dir: x.dir, to: x.to })),
    });
  }
  return { rooms, zones };
}
