/**
 * An action the world could not take at all (a part of the isle still loading, a watching tab)
 * never reaches the rules; an agent still gets it as a structured refusal with a namespaced
 * reason, beside the prose, instead of having to read the prose (issue 18).
 */
import { describe, expect, it } from 'vitest';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { agentsOnMemoryRelay } from './relay-agents.ts';

const agents = agentsOnMemoryRelay();

describe('a refusal by the world around the rules', () => {
  it('reaches an agent as { type: "refused", reason: "sync/zone-loading" }, and nothing changes', async () => {
    const ana = await agents.open(createWorldKey(), 'Ana', true);
    const shared = (ana.world as unknown as { shared: { submit: (...a: unknown[]) => unknown } }).shared;
    const real = shared.submit.bind(shared);
    shared.submit = (...a: unknown[]) => ((a[0] as { kind: string }).kind === 'move' ? { ok: false, reason: 'sync/zone-loading' } : real(...a));
    const before = ana.observe().stateHash;
    const r = await ana.step({ kind: 'move', dir: 'north' });
    expect(r.status).toBe('refused');
    expect(r.text).toContain('still loading');
    expect(r.events).toEqual([{ type: 'refused', player: ana.world.player, kind: 'move', reason: 'sync/zone-loading', detail: {} }]);
    expect(r.observation.stateHash).toBe(before);
    // The rules' own refusals are unchanged.
    const rope = await ana.step({ kind: 'take', target: 'anchor' });
    expect(rope.events.some((e) => e.type === 'refused' && e.reason.startsWith('take/'))).toBe(true);
  });
});
