/**
 * The agent API's browser opener (src/agent/browser.ts): a link that is not a world's is refused
 * in plain words before anything is opened, and without `join` it opens a world in memory as
 * index.ts does. (Joining by link, in IndexedDB and through the real relay, is played in
 * Chromium by e2e/companion.spec.ts.) A companion's profile is per world and name, and never
 * holds the world's key.
 */
import { describe, expect, it } from 'vitest';
import { companionProfile, openAgentWorld } from '../../src/agent/browser.ts';
import { createWorldKey } from '../../src/sync/world/world-key.ts';
import { vetrellis } from '../golden/transcript.ts';

const content = vetrellis();

describe('openAgentWorld in the browser', () => {
  it('refuses a link that is not a world link, saying what a link looks like', async () => {
    await expect(openAgentWorld({ content, join: 'http://isle.test/#/nowhere', name: 'Pip' })).rejects.toThrow(
      '"http://isle.test/#/nowhere" is not a Vetrellis world link (it should be a page address ending in #/w/<key>)',
    );
    await expect(openAgentWorld({ content, join: createWorldKey(), name: 'Pip' })).rejects.toThrow(/is not a Vetrellis world link/);
  });

  it('opens a world in memory without a link', async () => {
    const env = await openAgentWorld({ content, seed: 3 });
    expect((await env.step({ kind: 'move', dir: 'west' })).observation.location?.id).toBe('driftwood-beach');
    await env.close();
  });
});

describe('a companion profile', () => {
  it('is one per world and name, and does not hold the world key', () => {
    const key = createWorldKey();
    const link = `https://isle.test/#/w/${key}`;
    expect(companionProfile(link, 'Pip')).toBe(companionProfile(`http://other.test/#/w/${key}?relay=wss://r.test`, 'pip'));
    expect(companionProfile(link, 'Pip')).not.toBe(companionProfile(link, 'Tam'));
    expect(companionProfile(link, 'Pip')).not.toBe(companionProfile(`https://isle.test/#/w/${createWorldKey()}`, 'Pip'));
    expect(companionProfile(link, 'Pip')).not.toContain(key.slice(0, 12));
  });
});
