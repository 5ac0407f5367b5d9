// The web app's one reading of who is around: the Here panel, the players panel and the count in
// its heading come from the same status and observation, so they cannot disagree about a person.
import { describe, expect, it } from 'vitest';
import type { Content, Observation, WorldStatus } from '../../src/session/index.ts';
import { presence } from '../../src/ui/presence.ts';

const content = {
  locations: new Map([
    ['harbor', { id: 'harbor', name: 'Harbor of Vetrellis', zone: 'harbor-zone' }],
    ['sheds', { id: 'sheds', name: 'Net Sheds', zone: 'harbor-zone' }],
    ['square', { id: 'square', name: 'Village Square', zone: 'village' }],
  ]),
  zones: new Map([
    ['harbor-zone', { id: 'harbor-zone', name: 'Harbor' }],
    ['village', { id: 'village', name: 'Village' }],
  ]),
} as unknown as Content;

const observation = (standing: readonly { id: string; name: string; online: boolean }[]) =>
  ({ player: { id: 'ana' }, location: { id: 'harbor' }, here: { players: standing } }) as unknown as Observation;

const status = (online: WorldStatus['online'], connection: WorldStatus['connection'] = 'synced'): WorldStatus => ({
  connection, pending: 0, role: 'writer', contentMismatch: false, owner: null, online,
  roster: [
    { player: 'ana', name: 'Ana', zone: 'harbor-zone' },
    { player: 'bea', name: 'Bea', zone: 'harbor-zone' },
    { player: 'cai', name: 'Cai', zone: 'village' },
  ],
});

const stateOfRow = (p: ReturnType<typeof presence>, player: string) => p.rows.find((r) => r.player === player)?.state;

describe('presence', () => {
  it('alone and synced: only you, and nobody else counted online', () => {
    const p = presence(status([]), content, observation([]));
    expect(p.othersOnline).toBe(0);
    expect(p.known).toBe(true);
    expect(p.rows.map((r) => [r.name, r.state])).toEqual([['Ana', 'you'], ['Bea', 'asleep'], ['Cai', 'away']]);
  });

  it('a player standing here is here now in both panels when connected, even if the observation was read while they were not', () => {
    // The observation's own flag is older than the status: the status decides, for both panels.
    const p = presence(status([{ player: 'bea', name: 'Bea', location: 'sheds' }]), content, observation([{ id: 'bea', name: 'Bea', online: false }]));
    expect(p.of('bea')).toBe('here');
    expect(stateOfRow(p, 'bea')).toBe('here');
    expect(p.othersOnline).toBe(1);
  });

  it('a player standing here whose client is gone is asleep in both panels', () => {
    const p = presence(status([]), content, observation([{ id: 'bea', name: 'Bea', online: true }]));
    expect(p.of('bea')).toBe('asleep');
    expect(stateOfRow(p, 'bea')).toBe('asleep');
  });

  it('connected elsewhere is online with the place; not connected to the relay, nobody is called asleep', () => {
    const elsewhere = presence(status([{ player: 'bea', name: 'Bea', location: 'sheds' }]), content, observation([]));
    expect(elsewhere.rows.find((r) => r.player === 'bea')).toMatchObject({ state: 'online', where: 'Net Sheds' });
    const offline = presence(status([], 'offline'), content, observation([{ id: 'bea', name: 'Bea', online: true }]));
    expect(offline.known).toBe(false);
    expect(offline.of('bea')).toBe('here');
    expect(stateOfRow(offline, 'bea')).toBe('here');
    expect(stateOfRow(offline, 'cai')).toBe('away');
  });

  it('a single-player world: whoever stands here is here', () => {
    const p = presence(null, content, observation([{ id: 'bea', name: 'Bea', online: true }]));
    expect(p.of('bea')).toBe('here');
    expect(p.rows).toEqual([]);
  });
});

describe('company in the players panel', () => {
  it('marks who is in your party and who follows whom, from the observation', () => {
    const seen = {
      ...observation([{ id: 'bea', name: 'Bea', online: true }]),
      party: {
        id: 'p1', members: [{ id: 'ana', name: 'Ana', location: 'harbor', here: true }, { id: 'bea', name: 'Bea', location: 'harbor', here: true }],
        following: { id: 'cai', name: null }, followers: [{ id: 'bea', name: 'Bea' }], invitation: null,
      },
    } as unknown as Observation;
    const p = presence(status([{ player: 'bea', name: 'Bea', location: 'harbor' }]), content, seen);
    expect(p.rows.map((r) => [r.name, r.party, r.follow])).toEqual([['Ana', false, null], ['Bea', true, 'follows'], ['Cai', false, 'leads']]);
  });
});
