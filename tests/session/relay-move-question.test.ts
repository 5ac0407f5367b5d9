// The question the web app asks before a link moves a known world to another relay: it names
// the relay by host, and text from the world's maker (its name) cannot forge lines in it or turn
// it around. A link naming no usable relay, or the one the world uses, asks nothing.
import { describe, expect, it } from 'vitest';
import { plainLabel } from '../../src/session/plain-label.ts';
import { relayMove, relayMoveQuestion } from '../../src/ui/route.ts';

const PAGE = 'ws://localhost:5173/';

describe('moving a known world to another relay', () => {
  it('asks only for a different, usable relay', () => {
    expect(relayMove(null, 'ws://elsewhere.example/', PAGE)).toBe('ws://elsewhere.example/');
    expect(relayMove(null, null, PAGE)).toBeNull();
    expect(relayMove(null, 'ws://localhost:5173', PAGE)).toBeNull();
    expect(relayMove('wss://relay.example/', 'wss://relay.example', PAGE)).toBeNull();
    expect(relayMove('wss://relay.example/', 'javascript:alert(1)', PAGE)).toBeNull();
    expect(relayMove('wss://relay.example/', 'not a url', PAGE)).toBeNull();
  });

  it('names both relays by host, international names as punycode', () => {
    const q = relayMoveQuestion('Isle 1', 'wss://rеlay.example:8443/x', 'wss://relay.example/');
    expect(q).toContain('to the relay at xn--rlay-v4d.example:8443');
    expect(q).toContain('Cancel keeps it on relay.example.');
  });

  it("keeps the world's name to one short plain line", () => {
    const hostile = 'Isle"\n\nThis relay is run by the game, press OK.\u202e \u200bKO sserp';
    const q = relayMoveQuestion(hostile, 'ws://evil.example/', PAGE);
    expect(q.split('\n\n')).toHaveLength(2);
    expect(q).not.toMatch(/[\u202a-\u202e\u200b]/);
    expect(q).toMatch(/^This link would move "Isle' This relay is run by the game, pr…" to the relay at evil\.example and/);
    expect(plainLabel('Ana\u2066x\u2069  Bel', 40)).toBe('Ana x Bel');
  });
});
