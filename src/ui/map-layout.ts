/**
 * Places the isle's rooms on a grid for the explored-rooms map. A breadth-first walk from the
 * world's start room puts each neighbour one step away in its exit's direction (in/out, up/down
 * go diagonally); a taken cell moves the room to the nearest free cell, searched in a fixed order.
 * The walk covers every room in the content, not just the explored ones, so a room never moves
 * as you explore. Deterministic: exits in content order, ties broken by fixed offsets.
 *
 *   const layout = layoutRooms(start, rooms);   // Map<roomId, { x, y }>
 */
export interface RoomLink {
  readonly dir: string;
  readonly to: string;
}

export interface RoomNode {
  readonly id: string;
  readonly exits: readonly RoomLink[];
}

export interface Cell {
  readonly x: number;
  readonly y: number;
}

const STEP: Readonly<Record<string, Cell>> = {
  north: { x: 0, y: -1 }, south: { x: 0, y: 1 }, east: { x: 1, y: 0 }, west: { x: -1, y: 0 },
  northeast: { x: 1, y: -1 }, northwest: { x: -1, y: -1 }, southeast: { x: 1, y: 1 }, southwest: { x: -1, y: 1 },
  up: { x: 1, y: -1 }, down: { x: -1, y: 1 }, in: { x: 1, y: 1 }, out: { x: -1, y: -1 },
};

/** Offsets tried, nearest first, when a room's cell is taken. */
const NEARBY: readonly Cell[] = (() => {
  const out: Cell[] = [];
  for (let r = 1; r <= 4; r++) {
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) if (Math.max(Math.abs(dx), Math.abs(dy)) === r) out.push({ x: dx, y: dy });
    }
  }
  return out.sort((a, b) => Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y));
})();

export function layoutRooms(start: string, rooms: readonly RoomNode[]): Map<string, Cell> {
  const byId = new Map(rooms.map((r) => [r.id, r]));
  const placed = new Map<string, Cell>();
  const taken = new Set<string>();
  const cellKey = (c: Cell) => `${c.x},${c.y}`;
  const place = (id: string, want: Cell) => {
    let cell = want;
    if (taken.has(cellKey(cell))) {
      cell = NEARBY.map((d) => ({ x: want.x + d.x, y: want.y + d.y })).find((c) => !taken.has(cellKey(c))) ?? { x: want.x, y: want.y + 10 + placed.size };
    }
    placed.set(id, cell);
    taken.add(cellKey(cell));
  };
  const walk = (root: string, at: Cell) => {
    place(root, at);
    const queue = [root];
    while (queue.length > 0) {
      const id = queue.shift()!;
      const from = placed.get(id)!;
      for (const exit of byId.get(id)?.exits ?? []) {
        if (placed.has(exit.to) || !byId.has(exit.to)) continue;
        const step = STEP[exit.dir] ?? { x: 1, y: 0 };
        place(exit.to, { x: from.x + step.x, y: from.y + step.y });
        queue.push(exit.to);
      }
    }
  };
  if (byId.has(start)) walk(start, { x: 0, y: 0 });
  // Rooms the start cannot reach get their own islands below, in content order.
  for (const room of rooms) {
    if (placed.has(room.id)) continue;
    const maxY = Math.max(0, ...[...placed.values()].map((c) => c.y));
    walk(room.id, { x: 0, y: maxY + 2 });
  }
  return placed;
}
