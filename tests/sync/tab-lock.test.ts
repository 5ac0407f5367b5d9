// One writing tab per player: the first tab writes, a second watches and takes over when the
// first goes away (Web Locks semantics, with an in-memory lock manager standing in); the watching
// tab hears what the writing tab does, through the relay (the memory relay: delivered as sent).
import { describe, expect, it } from 'vitest';
import { claimWriterTab, tryLock } from '../../src/sync/world/tab-lock.ts';
import { MemoryDocStore } from '../../src/sync/world/doc-store.ts';
import { createIdentity } from '../../src/sync/intent/identity.ts';
import { SharedWorld, type WorldChange } from '../../src/sync/world/shared-world.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { content } from './fixture.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { FakeLocks, withLocks } from './fake-locks.ts';

describe('writer tab', () => {
  it('the first tab writes, the second watches and is promoted when the first closes', async () => {
    const locks = new FakeLocks();
    const first = await claimWriterTab('vetrellis:w:p', locks);
    const second = await claimWriterTab('vetrellis:w:p', locks);
    expect(first.writer).toBe(true);
    expect(second.writer).toBe(false);
    let promoted = false;
    second.onPromoted(() => (promoted = true));
    first.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(promoted).toBe(true);
    expect(second.writer).toBe(true);
    second.release();
  });

  it('a second SharedWorld of the same player and world watches until the first closes', () =>
    withLocks(async () => {
      const identity = createIdentity();
      const worldKey = createWorldKey();
      const open = () => SharedWorld.open({ content, identity, worldKey, store: new MemoryDocStore(), name: 'Ana', create: { name: 'Tabs' } });
      const first = await open();
      const second = await open();
      expect(first.role).toBe('writer');
      expect(second.role).toBe('watcher');
      expect(second.submit({ kind: 'wait' })).toEqual({ ok: false, reason: 'sync/watching' });
      await first.close();
      await new Promise((r) => setTimeout(r, 0));
      expect(second.role).toBe('writer');
      await second.close();
    }));

  it("a watching tab hears its player's own moves, made in the writing tab", () =>
    withLocks(async () => {
      const relay = new MemoryRelay();
      try {
        const identity = createIdentity();
        const worldKey = createWorldKey();
        const writer = await SharedWorld.open({ content, identity, worldKey, store: new MemoryDocStore(), relay: relay.connect, name: 'Ana', create: { name: 'Tabs' } });
        const watcher = await SharedWorld.open({ content, identity, worldKey, store: new MemoryDocStore(), relay: relay.connect, name: 'Ana' });
        expect(watcher.role).toBe('watcher');
        const heard: WorldChange[] = [];
        watcher.onChange((c) => heard.push(c));
        expect(writer.submit({ kind: 'take', target: 'rope' }).ok).toBe(true);
        expect(heard.some((c) => c.news.some((n) => n.events.some((e) => e.type === 'took' && e.player === identity.player)))).toBe(true);
        await watcher.close();
        await writer.close();
      } finally {
        relay.close();
      }
    }));

  it('only the playing tab hears tells; a watching tab promoted when the first closes starts to', () =>
    withLocks(async () => {
      const relay = new MemoryRelay();
      try {
        const identity = createIdentity();
        const worldKey = createWorldKey();
        const first = await SharedWorld.open({ content, identity, worldKey, store: new MemoryDocStore(), relay: relay.connect, name: 'Ana', create: { name: 'Tabs' } });
        const second = await SharedWorld.open({ content, identity, worldKey, store: new MemoryDocStore(), relay: relay.connect, name: 'Ana' });
        const bo = await SharedWorld.open({ content, identity: createIdentity(), worldKey, store: new MemoryDocStore(), relay: relay.connect, name: 'Bo' });
        const heard: string[] = [];
        second.onTell((t) => heard.push(t.text));
        expect(await second.tell(bo.player, 'from the watcher')).toBe('watching');
        await first.close();
        await new Promise((r) => setTimeout(r, 0));
        expect(second.role).toBe('writer');
        expect(await bo.tell(identity.player, 'are you there?')).toBe('told');
        expect(heard).toEqual(['are you there?']);
        await bo.close();
        await second.close();
      } finally {
        relay.close();
      }
    }));

  it('a tab that asks for a held world is told so; one that takes it over leaves the first tab knowing', async () => {
    const locks = new FakeLocks();
    const first = await tryLock('vetrellis-world:k', { steal: false }, locks);
    expect(first).not.toBeNull();
    expect(await tryLock('vetrellis-world:k', { steal: false }, locks)).toBeNull();
    let lost = false;
    void first!.lost.then(() => (lost = true));
    const second = await tryLock('vetrellis-world:k', { steal: true }, locks);
    expect(second).not.toBeNull();
    await new Promise((r) => setTimeout(r, 0));
    expect(lost).toBe(true);
    second!.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(await tryLock('vetrellis-world:k', { steal: false }, locks)).not.toBeNull();
  });

  it('without Web Locks (Node) the caller writes', async () => {
    expect((await claimWriterTab('x', undefined)).writer).toBe(true);
  });
});
