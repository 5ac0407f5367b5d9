// A shared world's listener hears of status changes as they happen (presence in the zone, across
// zones; a state changed with nothing to narrate), and never of a status that stayed the same.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchStatus } from '../../src/session/status-watch.ts';
import type { WorldStatus } from '../../src/session/world.ts';

class FakePresence {
  readonly listeners = new Set<() => void>();
  onChange(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }
  fire(): void {
    for (const l of this.listeners) l();
  }
}

function fakeWorld() {
  const changes = new Set<() => void>();
  const world = {
    presence: new FakePresence() as FakePresence | null,
    state: { tick: 0 } as object,
    online: [] as WorldStatus['online'][number][],
    onChange(cb: () => void): () => void {
      changes.add(cb);
      return () => changes.delete(cb);
    },
    status(): WorldStatus {
      return { connection: 'synced', pending: 0, role: 'writer', online: world.online, roster: [], contentMismatch: false };
    },
  };
  return world;
}

function watch(world: ReturnType<typeof fakeWorld>, changed: () => void): () => void {
  return watchStatus(world as unknown as Parameters<typeof watchStatus>[0], () => world.status(), changed);
}

afterEach(() => vi.useRealTimers());

describe('watchStatus', () => {
  it('tells of a presence change at once, and of nothing when presence says the same', () => {
    const world = fakeWorld();
    const changed = vi.fn();
    const stop = watch(world, changed);
    world.presence!.fire();
    expect(changed).not.toHaveBeenCalled();
    world.online = [{ player: 'mira', name: 'Mira', location: 'pier' }];
    world.presence!.fire();
    expect(changed).toHaveBeenCalledTimes(1);
    stop();
    expect(world.presence!.listeners.size).toBe(0);
  });

  it('follows presence into the zone entered', () => {
    const world = fakeWorld();
    const changed = vi.fn();
    watch(world, changed);
    const left = world.presence!;
    world.presence = new FakePresence();
    world.online = [{ player: 'bo', name: 'Bo', location: 'square' }];
    world.state = { tick: 1 };
    // The crossing is noticed by the next event or check; from then on the new zone's presence is heard.
    left.fire();
    expect(changed).toHaveBeenCalledTimes(1);
    expect(left.listeners.size).toBe(0);
    world.online = [];
    world.presence.fire();
    expect(changed).toHaveBeenCalledTimes(2);
  });

  it('notices what has no event yet (connection, confirmations) within a second', () => {
    vi.useFakeTimers();
    const world = fakeWorld();
    const changed = vi.fn();
    const stop = watch(world, changed);
    vi.advanceTimersByTime(3000);
    expect(changed).not.toHaveBeenCalled();
    world.state = { tick: 2 };
    vi.advanceTimersByTime(1000);
    expect(changed).toHaveBeenCalledTimes(1);
    stop();
    world.state = { tick: 3 };
    vi.advanceTimersByTime(5000);
    expect(changed).toHaveBeenCalledTimes(1);
  });
});
