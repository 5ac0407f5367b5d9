/**
 * The in-game HELP text: what a new player can type, with examples from the isle.
 */
export const HELP_TEXT = [
  'You play by typing what you want to do. Some things to try:',
  '  look (l), examine the anvil (x anvil), inventory (i), status',
  '  north, n, go up, enter; exits lead between the harbor, village, coast and forest',
  '  take the rope, take all, take all but the kelp, drop 2 moonpetals, give rope to Ana',
  '  gather driftwood, craft copper pickaxe, recipes are listed by "examine" on what you can make',
  '  wear the leather cap, wield the sword, remove the cap',
  '  attack the crab, attack crab with power strike, cast spark at the crab',
  '  drink the potion, eat the bread, rest, wait (z)',
  '  talk to Archon, ask the TideKeeper about tides, say hello, emote waves',
  '  chain commands: take rope then go north; again (g) repeats, oops fixes a typo',
  '  name Ana sets your name; quit leaves (your world is kept).',
].join('\n');
