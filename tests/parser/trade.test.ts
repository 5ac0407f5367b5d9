// Trade as players type it, on the real isle: BUY and SELL with a vendor here (and their wares by
// name), WARES and its questions, OFFER to another player here, ACCEPT and DECLINE.
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../src/content/node-load.ts';
import { apply, createWorld, scopeOf, type GameState } from '../../src/engine/index.ts';
import type { Action } from '../../src/engine/action.ts';
import { RuleParser } from '../../src/parser/rule-parser.ts';

const content = loadContentDir();

/** Ana (carrying a flint knife and three driftwood) and Bo, both at `location`. */
function scopeAt(location: string) {
  let s = createWorld(content, 1);
  for (const [id, name] of [['ana', 'Ana'], ['bo', 'Bo']] as const) {
    s = apply(content, s, { id: `j-${id}`, player: id, at: 0, action: { kind: 'join', name } }).state;
  }
  const ana = s.players['ana']!;
  const state: GameState = {
    ...s,
    players: {
      ...s.players,
      ana: { ...ana, location, inventory: [...ana.inventory, { item: 'flint-knife', qty: 1 }, { item: 'driftwood', qty: 3 }] },
      bo: { ...s.players['bo']!, location },
    },
  };
  return scopeOf(content, state, 'ana');
}

function parse(text: string, location: string): { intents: readonly Action[]; text?: string } {
  return new RuleParser().parse(text, scopeAt(location));
}

describe('trade phrasings', () => {
  it('buy names what the vendor here sells, with a count and a vendor', () => {
    expect(parse('buy a sea biscuit', 'anchor-inn').intents).toEqual([{ kind: 'buy', target: 'sea-biscuit' }]);
    expect(parse('buy 2 biscuits', 'anchor-inn').intents).toEqual([{ kind: 'buy', target: 'sea-biscuit', qty: 2 }]);
    expect(parse('purchase kelp cord from hesk', 'anchor-inn').intents).toEqual([{ kind: 'buy', target: 'kelp-cord', from: 'hesk' }]);
    expect(parse('buy an ingot', 'smithy').intents).toEqual([{ kind: 'buy', target: 'copper-ingot' }]);
    const none = parse('buy a sword', 'smithy');
    expect(none.intents).toEqual([]);
    expect(none.text).toMatch(/Nobody here sells that/);
  });

  it('sell names what you carry, with a count', () => {
    expect(parse('sell 3 driftwood', 'smithy').intents).toEqual([{ kind: 'sell', target: 'driftwood', qty: 3 }]);
    expect(parse('sell the driftwood to bram', 'smithy').intents).toEqual([{ kind: 'sell', target: 'driftwood', to: 'bram', qty: 1 }]);
  });

  it('wares, list, and the questions a shopper asks', () => {
    for (const text of ['wares', 'list wares', 'what do you sell', 'what is for sale', 'what can i buy here', 'buy', 'shop']) {
      expect(parse(text, 'anchor-inn').intents, text).toEqual([{ kind: 'wares' }]);
    }
    expect(parse('trade with hesk', 'anchor-inn').intents).toEqual([{ kind: 'wares', target: 'hesk' }]);
  });

  it('offer: whom, what you give, what you want (coins, things, nothing)', () => {
    const knife = { items: [{ item: 'flint-knife', qty: 1 }] };
    expect(parse('offer bo my knife for 5 coins', 'harbor-quay').intents).toEqual([{ kind: 'offer', to: 'bo', gives: knife, wants: { coin: 5 } }]);
    expect(parse('offer my flint knife to bo for a coin', 'harbor-quay').intents).toEqual([{ kind: 'offer', to: 'bo', gives: knife, wants: { coin: 1 } }]);
    expect(parse('offer bo 2 driftwood and my knife for a copper ingot', 'harbor-quay').intents).toEqual([{
      kind: 'offer', to: 'bo', gives: { items: [{ item: 'driftwood', qty: 2 }, { item: 'flint-knife', qty: 1 }] }, wants: { items: [{ item: 'copper-ingot', qty: 1 }] },
    }]);
    expect(parse('offer bo my knife for nothing', 'harbor-quay').intents).toEqual([{ kind: 'offer', to: 'bo', gives: knife, wants: {} }]);
    expect(parse('offer bo my lantern for 5 coins', 'harbor-quay').text).toMatch(/no lantern to offer/);
    // Without FOR it is still a gift, as it always was.
    expect(parse('offer the knife to bo', 'harbor-quay').intents).toEqual([{ kind: 'give', target: 'flint-knife', to: 'bo' }]);
  });

  it('accept and decline, of anyone or of one player', () => {
    expect(parse('accept', 'harbor-quay').intents).toEqual([{ kind: 'accept' }]);
    expect(parse("accept bo's offer", 'harbor-quay').intents).toEqual([{ kind: 'accept', from: 'bo' }]);
    expect(parse('decline the offer', 'harbor-quay').intents).toEqual([{ kind: 'decline' }]);
    expect(parse('reject bo', 'harbor-quay').intents).toEqual([{ kind: 'decline', from: 'bo' }]);
    expect(parse('withdraw my offer', 'harbor-quay').intents).toEqual([{ kind: 'decline' }]);
  });
});
