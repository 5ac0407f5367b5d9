/**
 * The tab's side of a companion (src/ui/companion-host.ts), with a stand-in for its Web Worker:
 * an invited companion is recorded with the world and started with the world's link and its
 * friend's name; a recorded one wakes when the world opens; a failure is told in words and the
 * record kept; dismiss lets it flush before its worker ends, and forgets it; a name the rules
 * refuse is refused before anything is recorded.
 */
import { describe, expect, it } from 'vitest';
import type { FromCompanion, ToCompanion } from '../../src/agent/companion/service.ts';
import { CompanionHost, type CompanionWorker } from '../../src/ui/companion-host.ts';

class StandInWorker implements CompanionWorker {
  readonly got: ToCompanion[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<FromCompanion>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: ToCompanion): void {
    this.got.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  say(m: FromCompanion): void {
    this.onmessage?.({ data: m } as MessageEvent<FromCompanion>);
  }
}

const LINK = 'http://isle.test/#/w/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

function host(recorded: string | null, friend: string | null = 'Ana') {
  const workers: StandInWorker[] = [];
  const saved: (string | null)[] = [];
  const h = new CompanionHost({
    link: LINK, friend: () => friend, recorded, stopMs: 5000,
    save: async (name) => void saved.push(name),
    spawn: () => {
      const w = new StandInWorker();
      workers.push(w);
      return w;
    },
  });
  return { h, workers, saved };
}

describe('the companion host', () => {
  it('records an invited companion with the world and starts it with the link and its friend', async () => {
    const { h, workers, saved } = host(null);
    const seen: string[] = [];
    h.subscribe(() => seen.push(h.view.phase));
    expect(await h.invite('  Pip ')).toBeNull();
    expect(saved).toEqual(['Pip']);
    expect(workers).toHaveLength(1);
    expect(workers[0]!.got).toEqual([{ type: 'start', link: LINK, name: 'Pip', friend: 'Ana' }]);
    expect(h.view).toEqual({ name: 'Pip', phase: 'waking', problem: null });
    workers[0]!.say({ type: 'awake', name: 'Pip', player: 'p-pip' });
    expect(h.view.phase).toBe('awake');
    expect(seen).toEqual(['waking', 'awake']);
    expect(await h.invite('Tam')).toBe('Pip is already with you; dismiss them first.');
    expect(workers).toHaveLength(1);
  });

  it('wakes the recorded companion, and says why when it could not come (keeping the record)', () => {
    const { h, workers, saved } = host('Pip');
    expect(h.view).toEqual({ name: 'Pip', phase: 'none', problem: null });
    h.wake();
    h.wake();
    expect(workers).toHaveLength(1);
    expect(workers[0]!.got[0]).toMatchObject({ type: 'start', name: 'Pip' });
    workers[0]!.say({ type: 'failed', reason: 'Pip could not join the world: the relay is not reachable' });
    expect(h.view).toEqual({ name: 'Pip', phase: 'failed', problem: 'Pip could not join the world: the relay is not reachable' });
    expect(workers[0]!.terminated).toBe(true);
    expect(saved).toEqual([]);
  });

  it('wakes nobody when none is recorded', () => {
    const { h, workers } = host(null);
    h.wake();
    expect(workers).toHaveLength(0);
  });

  it('dismisses: asks the worker to stop, ends it once it has stopped, and forgets the companion', async () => {
    const { h, workers, saved } = host('Pip');
    h.wake();
    const w = workers[0]!;
    w.say({ type: 'awake', name: 'Pip', player: 'p-pip' });
    const dismissed = h.dismiss();
    await Promise.resolve();
    expect(w.got.at(-1)).toEqual({ type: 'stop' });
    expect(w.terminated).toBe(false);
    expect(h.view).toEqual({ name: null, phase: 'none', problem: null });
    w.say({ type: 'stopped' });
    expect(w.terminated).toBe(true);
    await dismissed;
    expect(saved).toEqual([null]);
  });

  it('refuses a name the rules refuse, and an invitation before the character is ashore, recording nothing', async () => {
    const bad = host(null);
    expect(await bad.h.invite('Pip\u202e')).toMatch(/^That can't be a companion's name: /);
    expect(bad.saved).toEqual([]);
    expect(bad.workers).toHaveLength(0);
    const early = host(null, null);
    expect(await early.h.invite('Pip')).toBe('Your character has not come ashore yet; try again in a moment.');
    expect(early.saved).toEqual([]);
  });

  it('leaving the world stops the companion but keeps it recorded', async () => {
    const { h, workers, saved } = host('Pip');
    h.wake();
    const closed = h.close();
    workers[0]!.say({ type: 'stopped' });
    await closed;
    expect(workers[0]!.terminated).toBe(true);
    expect(saved).toEqual([]);
  });
});
