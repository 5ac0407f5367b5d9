/**
 * TELL over the root document's awareness (src/sync/world/tells.ts), through the memory relay:
 * heard once by the one told, under the name the roster gives; refused as asleep when she is
 * not connected; and nothing a hostile member writes into awareness makes a tell appear from
 * someone else, replays an old one, or floods the reader.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createIdentity, signBytes, type Identity } from '../../src/sync/intent/identity.ts';
import { toBase64Url, utf8ToBytes } from '../../src/sync/intent/bytes.ts';
import { canonicalJson } from '../../src/content/canonical.ts';
import { MemoryRelay } from '../../src/sync/world/memory-relay.ts';
import { TELL_RATE, WorldTells, type HeardTell } from '../../src/sync/world/tells.ts';

const WORLD = 'w-test';
let relay: MemoryRelay;
afterEach(() => relay?.close());

function client(identity: Identity, names: Record<string, string>, now?: () => number) {
  const link = relay.connect(new Y.Doc(), 'root');
  const tells = new WorldTells(link, identity, WORLD, { nameOf: (p) => names[p] ?? null, ...(now ? { now } : {}) });
  const heard: HeardTell[] = [];
  tells.onHeard((t) => heard.push(t));
  return { link, tells, heard, identity };
}

function setup(now?: () => number) {
  relay = new MemoryRelay();
  const [ana, bo, cy] = [createIdentity(), createIdentity(), createIdentity()];
  const names = { [ana.player]: 'Ana', [bo.player]: 'Bo', [cy.player]: 'Cy' };
  return { a: client(ana, names, now), b: client(bo, names, now), c: client(cy, names, now), names };
}

/** The inbox Ana's listener names (read as any member could, from awareness). */
function inboxOf(c: ReturnType<typeof client>): string {
  return (c.link.awareness.getLocalState() as { vetrellisListener: { inbox: string } }).vetrellisListener.inbox;
}

/** A tell signed by `signer` claiming to be from `from`, put in `c`'s awareness state as a modified client would. */
function forge(c: ReturnType<typeof client>, signer: Identity, fields: { from: string; to: string; inbox: string; n: number; text: string }): void {
  const body = 'vetrellis/tell/v1\n' + canonicalJson({ world: WORLD, ...fields });
  const tell = { world: WORLD, ...fields, key: toBase64Url(signer.publicKey), sig: toBase64Url(signBytes(signer, utf8ToBytes(body))) };
  const state = c.link.awareness.getLocalState() ?? {};
  const tells = ((state as { vetrellisTells?: unknown[] }).vetrellisTells ?? []);
  c.link.awareness.setLocalState({ ...state, vetrellisTells: [...tells, tell].slice(-4) });
}

describe('tells across the world', () => {
  it('reach the one told, once, under the name the roster gives; nobody else hears them', () => {
    const { a, b, c } = setup();
    a.tells.listen();
    c.tells.listen();
    expect(b.tells.send(a.identity.player, 'Meet me at the smithy')).toBe('told');
    expect(a.heard).toEqual([{ from: b.identity.player, name: 'Bo', text: 'Meet me at the smithy' }]);
    expect(c.heard).toEqual([]);
    // Bo's state changes again (a renewal, another tell to Cy): Ana does not hear the first one twice.
    b.tells.listen();
    expect(b.tells.send(c.identity.player, 'and you?')).toBe('told');
    expect(a.heard).toHaveLength(1);
    expect(c.heard.map((t) => t.text)).toEqual(['and you?']);
  });

  it('a player who is not connected is asleep; a teller with no relay is offline', () => {
    const { a, b } = setup();
    expect(b.tells.send(a.identity.player, 'hello?')).toBe('asleep');
    a.tells.listen();
    expect(b.tells.send(a.identity.player, 'hello?')).toBe('told');
    a.tells.destroy();
    expect(b.tells.send(a.identity.player, 'still there?')).toBe('asleep');
    relay.disconnect(b.link);
    expect(b.tells.send(a.identity.player, 'anyone?')).toBe('offline');
  });

  it('a player whose listener stopped being renewed counts as asleep after a minute', () => {
    let now = 1_000_000;
    const { a, b } = setup(() => now);
    a.tells.listen();
    expect(b.tells.send(a.identity.player, 'one')).toBe('told');
    now += 61_000;
    expect(b.tells.send(a.identity.player, 'two')).toBe('asleep');
  });

  it('a modified client cannot make a tell appear to come from someone else', () => {
    const { a, b, c } = setup();
    a.tells.listen();
    const inbox = inboxOf(a);
    // Cy signs with her own key but names Bo as the teller.
    forge(c, c.identity, { from: b.identity.player, to: a.identity.player, inbox, n: Date.now(), text: 'Give Cy your sword' });
    expect(a.heard).toEqual([]);
    // Cy's own signed tell is heard, as Cy.
    forge(c, c.identity, { from: c.identity.player, to: a.identity.player, inbox, n: Date.now(), text: 'hello' });
    expect(a.heard).toEqual([{ from: c.identity.player, name: 'Cy', text: 'hello' }]);
  });

  it('a tell copied by another member is not heard again, nor in a later session', () => {
    const { a, b, c } = setup();
    a.tells.listen();
    b.tells.send(a.identity.player, 'the key is under the mat');
    expect(a.heard).toHaveLength(1);
    const copied = (b.link.awareness.getLocalState() as { vetrellisTells: unknown[] }).vetrellisTells;
    c.link.awareness.setLocalState({ vetrellisTells: copied });
    expect(a.heard).toHaveLength(1);
    // Ana comes back (a new session, a new inbox): the copy is dead.
    a.tells.destroy();
    const again = new WorldTells(a.link, a.identity, WORLD, { nameOf: () => 'Bo' });
    const later: HeardTell[] = [];
    again.onHeard((t) => later.push(t));
    again.listen();
    c.link.awareness.setLocalState({ vetrellisTells: copied, other: 1 });
    expect(later).toEqual([]);
    again.destroy();
  });

  it('a flood is bounded: an honest teller is slowed, and a reader hears at most the rate from a modified one', () => {
    const { a, b, c } = setup();
    a.tells.listen();
    const sent = Array.from({ length: TELL_RATE + 3 }, (_, i) => b.tells.send(a.identity.player, `spam ${i}`));
    expect(sent.filter((r) => r === 'told')).toHaveLength(TELL_RATE);
    expect(sent.at(-1)).toBe('slow');
    const inbox = inboxOf(a);
    const before = a.heard.length;
    for (let i = 0; i < 40; i++) forge(c, c.identity, { from: c.identity.player, to: a.identity.player, inbox, n: 1_000 + i, text: `flood ${i}` });
    expect(a.heard.length - before).toBe(TELL_RATE);
    // Oversized or unsafe text is never shown.
    forge(c, c.identity, { from: c.identity.player, to: a.identity.player, inbox, n: 5_000, text: 'x'.repeat(281) });
    forge(c, c.identity, { from: c.identity.player, to: a.identity.player, inbox, n: 5_001, text: 'evil\u202Etext' });
    expect(a.heard.some((t) => t.text.startsWith('x') || t.text.includes('evil'))).toBe(false);
  });

  it('a tell from someone the roster does not know is not shown', () => {
    const { a } = setup();
    a.tells.listen();
    const stranger = client(createIdentity(), {});
    stranger.tells.listen();
    expect(stranger.tells.send(a.identity.player, 'boo')).toBe('told');
    expect(a.heard).toEqual([]);
  });
});
