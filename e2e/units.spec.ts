// The web app's pure helpers, tested in Node by the same runner (no page): completion, history,
// the map's layout and the world link. (They could move to tests/ui under vitest.)
import { expect, test } from './fixtures.ts';
import { loadContentDir } from '../src/content/node-load.ts';
import { completeLine } from '../src/ui/completion.ts';
import { CommandHistory } from '../src/ui/history.ts';
import { layoutRooms } from '../src/ui/map-layout.ts';
import { parseRoute, routeHash, seedOfKey } from '../src/ui/route.ts';

test('completion: verbs first, then names; several matches give their common prefix', () => {
  expect(completeLine('inv', [])?.text).toBe('inventory ');
  expect(completeLine('take ro', ['rope', 'driftwood stick'])?.text).toBe('take rope ');
  const two = completeLine('x dri', ['driftwood pile', 'driftwood stick']);
  expect(two?.text).toBe('x driftwood ');
  expect(two?.options).toEqual(['driftwood pile', 'driftwood stick']);
  expect(completeLine('wield sp', ['flint spear'])?.text).toBe('wield spear ');
  expect(completeLine('take flint s', ['flint spear', 'flint'])?.text).toBe('take flint spear ');
  expect(completeLine('take zz', ['rope'])).toBeNull();
  expect(completeLine('take ', ['rope', 'kelp'])?.options).toEqual(['kelp', 'rope']);
  // Answering a question: no verbs, the first word is a name.
  expect(completeLine('sti', ['driftwood stick', 'driftwood pile'], [])?.text).toBe('stick ');
});

test('history: Up keeps the draft, Down gives it back, duplicates collapse', () => {
  const h = new CommandHistory(3);
  for (const c of ['look', 'look', 'n', 'take rope', 'i']) h.push(c);
  expect(h.entries).toEqual(['n', 'take rope', 'i']);
  expect(h.up('dra')).toBe('i');
  expect(h.up('i')).toBe('take rope');
  expect(h.up('take rope')).toBe('n');
  expect(h.up('n')).toBeNull();
  expect(h.down()).toBe('take rope');
  expect(h.down()).toBe('i');
  expect(h.down()).toBe('dra');
  expect(h.down()).toBeNull();
});

test('map layout: every room of the isle gets its own cell, the same every time', () => {
  const content = loadContentDir();
  const rooms = [...content.locations.values()].map((l) => ({ id: l.id, exits: l.exits.map((x) => ({ dir: x.dir, to: x.to })) }));
  const a = layoutRooms(content.world.start, rooms);
  const b = layoutRooms(content.world.start, [...rooms]);
  expect(a.size).toBe(rooms.length);
  expect(new Set([...a.values()].map((c) => `${c.x},${c.y}`)).size).toBe(rooms.length);
  expect([...a.entries()]).toEqual([...b.entries()]);
  expect(a.get(content.world.start)).toEqual({ x: 0, y: 0 });
  // North of the quay is above it, west is left of it.
  const quay = content.locations.get(content.world.start)!;
  const north = quay.exits.find((x) => x.dir === 'north')!.to;
  const west = quay.exits.find((x) => x.dir === 'west')!.to;
  expect(a.get(north)!.y).toBeLessThan(0);
  expect(a.get(west)!.x).toBeLessThan(0);
});

test('world links: #/w/<key> round-trips; the seed comes from the key', () => {
  const key = 'zzOWToW_KhIT2EeAgmirm07eSAuCqs2sX0123456789';
  expect(parseRoute(routeHash(key))).toEqual({ worldKey: key, relay: null });
  expect(parseRoute(`#/w/${key}?relay=${encodeURIComponent('wss://r.example')}`)).toEqual({ worldKey: key, relay: 'wss://r.example' });
  expect(routeHash(key, 'wss://r.example/')).toBe(`#/w/${key}?relay=${encodeURIComponent('wss://r.example/')}`);
  expect(parseRoute(routeHash(key, 'wss://r.example/'))).toEqual({ worldKey: key, relay: 'wss://r.example/' });
  expect(parseRoute('#/w/short')).toBeNull();
  expect(parseRoute('')).toBeNull();
  expect(seedOfKey(key)).toBe(seedOfKey(key));
  expect(seedOfKey(key)).not.toBe(seedOfKey(key.replace('z', 'y')));
  expect(Number.isInteger(seedOfKey(key)) && seedOfKey(key) >= 0 && seedOfKey(key) <= 0xffffffff).toBe(true);
});
