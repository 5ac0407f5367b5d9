/**
 * Lines a new player typed in the terminal in session 14's play-test (issue 17) and got the
 * wrong answer to, played through a session on the real isle:
 * - "buy a biscuit" on the quay said "find whoever keeps a kitchen and ask, or BUY from a vendor";
 * - "get in a boat" on the quay walked into the harbormaster's office (any "enter X" went in);
 * - "enter the inn" and "go into the smithy" in the square, "go to the breakwater" on the quay:
 *   rooms through a way out of here, refused as "not been there yet".
 * And from session 15's list: "sit by the fire" (and "sleep in a bed") rested anywhere, fire or none.
 */
import { describe, expect, it } from 'vitest';
import type { Session } from '../../src/session/index.ts';
import { newPlayer } from './isle-questions.ts';

const play = () => newPlayer();
const where = (s: Session) => s.world.state.players[s.world.player]?.location;

describe('words from the play-test', () => {
  it('buying where nobody sells says so, in the words for buying', async () => {
    const s = play();
    const r = await s.handle('buy a biscuit');
    expect(r.intents).toEqual([]);
    expect(r.text).toBe('Nobody here is buying or selling. Vendors keep shop in the village; WARES shows what one has.');
    // A bed is still a bed.
    expect((await s.handle('buy a bed')).text).toMatch(/^There is nobody here to rent you a bed\./);
  });

  it('getting into a thing that leads nowhere stays put; a building that leads in goes in', async () => {
    const s = play();
    const boat = await s.handle('get in a boat');
    expect(boat.intents).toEqual([]);
    expect(boat.text).toBe("You can't go into the fishing boats.");
    expect(where(s)).toBe('harbor-quay');
    expect((await s.handle('enter the office')).intents).toEqual([{ kind: 'move', dir: 'in' }]);
    await s.handle('out');
    await s.handle('north');
    expect((await s.handle('enter the inn')).intents).toEqual([{ kind: 'move', dir: 'in' }]);
    expect(where(s)).toBe('anchor-inn');
  });

  it('going to a room not yet visited but through a way out of here walks there; a far one is still refused', async () => {
    const s = play();
    expect((await s.handle('go to the breakwater')).intents).toEqual([{ kind: 'move', dir: 'south' }]);
    expect(where(s)).toBe('breakwater');
    await s.handle('north');
    await s.handle('north');
    expect((await s.handle('go into the smithy')).intents).toEqual([{ kind: 'move', dir: 'west' }]);
    expect(where(s)).toBe('smithy');
    const far = await s.handle('go to the lighthouse');
    expect(far.intents).toEqual([]);
    expect(far.text).toBe("You have not been there yet, so you don't know the way. Explore, or ask someone.");
  });

  it('sitting by the fire needs a fire here; plain sitting down still rests', async () => {
    const s = play();
    const quay = await s.handle('sit by the fire');
    expect(quay.intents).toEqual([]);
    expect(quay.text).toBe('There is no fire here.');
    expect((await s.handle('lie down on the moon')).text).toBe('There is no moon here.');
    expect((await s.handle('sleep in a bed')).text).toBe('There is no bed here.');
    expect((await s.handle('sit down')).intents).toEqual([{ kind: 'rest' }]);
    expect((await s.handle('rest a while')).intents).toEqual([{ kind: 'rest' }]);
    await s.handle('north');
    await s.handle('enter the inn');
    expect(where(s)).toBe('anchor-inn');
    const inn = await s.handle('sit by the fire');
    expect(inn.intents).toEqual([{ kind: 'rest' }]);
    expect(inn.events.some((e) => e.type === 'rested')).toBe(true);
  });
});
