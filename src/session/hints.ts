/**
 * Hints from what the player knows, drawn from content rather than written per puzzle: a locked
 * way the player has come to names what opens it and where that comes from (an islander's gift, a
 * recipe, a gathering spot); a question about a quest the player is on answers with its stage's
 * next task; a topic waiting on a flag names who sets it, only among islanders this player has
 * met; WHAT SHOULD I DO NOW looks at danger, the journal's next task, ways not yet taken, locks
 * not yet opened and gifts not yet asked for. A hint never runs ahead of the story: what the
 * player has not found, met or been set to do is not given away. Pure; nothing is written.
 *
 *   hintLines(content, state, player, 'get into the mine')
 *   // "The rusted gate is chained and padlocked. The Stone Who Counts, in the Circle of Stones, ..."
 */
import type { Content, Exit, Id, Location } from '../content/schema.ts';
import { journalOf, playerStats, recipeMissing, topicOffered, type GameState, type PlayerState } from '../engine/index.ts';
import { line, type ProseLine } from '../narrate/index.ts';
import { missingText } from '../narrate/refusals.ts';
import { capitalise, placeName, withArticle, withThe } from '../narrate/words.ts';
import { findRoute, nameScore, placeNamed, wordsOf } from './route.ts';

/** Words of a "how do I ..." question that say what to do, not what to do it to. */
const DOING = new Set([
  'get', 'go', 'into', 'in', 'inside', 'open', 'unlock', 'through', 'past', 'reach', 'enter', 'find', 'to', 'at', 'on',
  'cross', 'pass', 'beyond', 'make', 'obtain', 'some', 'up', 'down', 'over', 'across', 'there', 'use', 'do', 'with', 'about',
  'kindle', 'fix', 'help', 'beat', 'defeat', 'kill', 'way', 'it',
]);

interface Lock { readonly from: Location; readonly exit: Exit & { readonly lock: NonNullable<Exit['lock']> } }

function locks(content: Content): Lock[] {
  return [...content.locations.values()].flatMap((from) =>
    from.exits.filter((x): x is Lock['exit'] => x.lock !== undefined).map((exit) => ({ from, exit })));
}

const roomName = (content: Content, id: Id) => placeName(content.locations.get(id)?.name ?? id);
const carries = (p: PlayerState, item: Id) => p.inventory.some((s) => s.item === item) || Object.values(p.equipment).includes(item);
const thing = (content: Content, id: Id) => content.items.get(id)?.name ?? id;

/** How an item is come by: a gift, a recipe, a gathering spot, a creature's loot, or where it lies. */
function sourceOf(content: Content, state: GameState, p: PlayerState, item: Id, depth: number): string[] {
  const visited = new Set(p.visited);
  const name = withThe(thing(content, item));
  for (const npc of content.npcs.values()) {
    const topic = npc.topics.find((t) => t.gives?.item === item);
    if (!topic) continue;
    const who = capitalise(npc.name);
    if (!p.gifts.includes(`${npc.id}/${topic.id}`) && !topicOffered(content, state, p, topic)) return [`Nobody on the isle will part with ${name} yet.`];
    if (p.gifts.includes(`${npc.id}/${topic.id}`)) return [`${who} gave you ${name} once already; if it is lost, it is lost.`];
    const where = visited.has(npc.location) ? `, in ${roomName(content, npc.location)},` : ', somewhere you have not been yet,';
    const out = [`${who}${where} keeps ${name}: ASK about ${topic.keywords[0]}.`];
    if (!visited.has(npc.location) && depth > 0) {
      const barrier = locks(content).find((l) => l.exit.to === npc.location && !state.flags.includes(l.exit.lock.id));
      if (barrier) out.push(...lockHint(content, state, p, barrier, depth - 1));
    }
    return out;
  }
  const recipe = [...content.recipes.values()].find((r) => r.output.item === item);
  if (recipe) {
    const missing = recipeMissing(content, p, recipe);
    return [missing ? `${capitalise(withArticle(thing(content, item)))} can be crafted; you still need ${missingText(content, { missing })}.`
      : `You have all it takes to craft ${withArticle(thing(content, item))}: CRAFT ${thing(content, item).toUpperCase()}.`];
  }
  const node = [...content.nodes.values()].find((n) => n.resource === item);
  if (node) {
    const tool = node.tool ? `, with ${withArticle(thing(content, node.tool))}` : '';
    const where = visited.has(node.location) ? roomName(content, node.location) : 'a place you have not found yet';
    return [`${capitalise(withArticle(thing(content, item)))} can be gathered from ${withArticle(node.name)} in ${where}${tool}.`];
  }
  const enemy = [...content.enemies.values()].find((e) => e.loot.some((l) => l.item === item));
  if (enemy) return [`${capitalise(enemy.plural ?? `${enemy.name}s`)} sometimes leave ${withArticle(thing(content, item))} behind.`];
  return [`Nobody seems to know where ${name} comes from.`];
}

function lockHint(content: Content, state: GameState, p: PlayerState, l: Lock, depth = 2): string[] {
  const at = roomName(content, l.from.id);
  if (state.flags.includes(l.exit.lock.id)) return [`The way is open: go ${l.exit.dir} from ${at}.`];
  if (carries(p, l.exit.lock.key)) return [`You carry ${withThe(thing(content, l.exit.lock.key))}: go to ${at} and go ${l.exit.dir}.`];
  return [l.exit.lock.locked, ...sourceOf(content, state, p, l.exit.lock.key, depth)];
}

/** Whether this player has spoken with the NPC (NPC memory: a regard entry is made at the first word). */
const hasMet = (p: PlayerState, npc: Id) => p.regard?.some((r) => r.npc === npc) ?? false;

/**
 * A topic that waits on a flag nobody has set: who sets it (followed back while that too waits on
 * a flag). Only between islanders the player has met: naming a stranger would give the story away.
 */
function topicHint(content: Content, state: GameState, p: PlayerState, asked: readonly string[]): string[] | undefined {
  const setterOf = (flag: string) => {
    for (const npc of content.npcs.values()) {
      const topic = npc.topics.find((t) => t.sets === flag);
      if (topic) return { npc, topic };
    }
    return undefined;
  };
  for (const npc of content.npcs.values()) {
    if (!hasMet(p, npc.id)) continue;
    for (const topic of npc.topics) {
      if (!topic.requires || state.flags.includes(topic.requires) || !topic.keywords.some((k) => asked.includes(k))) continue;
      let setter = setterOf(topic.requires);
      for (let depth = 0; setter?.topic.requires && !state.flags.includes(setter.topic.requires) && depth < 4; depth++) {
        setter = setterOf(setter.topic.requires) ?? setter;
      }
      if (!setter || !hasMet(p, setter.npc.id)) continue;
      const ask = `ASK ${setter.npc.name.replace(/^the /i, '').toUpperCase()} ABOUT ${setter.topic.keywords[0]!.toUpperCase()}`;
      if (setter.npc === npc) return [`${capitalise(npc.name)} will tell you more about that once you ${ask}.`];
      return [`${capitalise(npc.name)} is waiting on something ${setter.npc.name} has to say. ${ask}, then go back.`];
    }
  }
  return undefined;
}

/** Words that say nothing of which quest is meant. */
const PLAIN = new Set(['is', 'are', 'was', 'be', 'and', 'or', 'for', 'he', 'she', 'it', 'his', 'her', 'what', 'why', 'who', 'where', 'not', 'this', 'that', 'go']);
const stem = (w: string) => w.replace(/s$/, '');

/**
 * A question about a quest the player is on ("how do I light the lamp" while on The Dark Lamp):
 * the stage's next task, from the journal, naming where the one to talk to is when the player has
 * been there. The quest whose name and current stage share most words with the question wins.
 */
function questHint(content: Content, state: GameState, p: PlayerState, asked: readonly string[]): string[] | undefined {
  const want = asked.filter((w) => !PLAIN.has(w)).map(stem);
  if (want.length === 0) return undefined;
  let best: { score: number; text: string[] } | undefined;
  for (const q of journalOf(content, state, p.id)) {
    if (q.status !== 'active' || q.world) continue;
    const todo = q.objectives.find((o) => !o.done);
    if (!todo) continue;
    const named = new Set(wordsOf(q.name).map(stem));
    const words = new Set(wordsOf(`${q.text} ${q.objectives.map((o) => o.text).join(' ')}`).map(stem));
    // A word of the quest's name outweighs two of its text: "the lamp" is The Dark Lamp before a stage that mentions one.
    const score = want.reduce((n, w) => n + (named.has(w) ? 3 : 0) + (words.has(w) ? 1 : 0), 0);
    if (score === 0 || (best && best.score >= score)) continue;
    const text = [`Your journal says (${q.name}): ${todo.text}.`];
    const stage = content.quests.get(q.id)?.stages.find((s) => s.id === q.stage);
    const talk = stage?.objectives.find((o) => o.text === todo.text)?.talk;
    const npc = talk === undefined ? undefined : content.npcs.get(talk);
    if (npc && p.visited.includes(npc.location) && p.location !== npc.location) {
      text.push(`${capitalise(npc.name)} keeps to ${roomName(content, npc.location)}, as far as you know.`);
    }
    best = { score, text };
  }
  return best?.text;
}

/**
 * An item the player may ask after: one they carry, or one the isle makes, grows or loots (common
 * knowledge); not a quest's reward they have yet to earn.
 */
function knowsOfItem(content: Content, p: PlayerState, item: Id): boolean {
  if (carries(p, item)) return true;
  const reward = [...content.quests.values()].find((q) => q.rewards.items.some((i) => i.item === item));
  if (!reward) return true;
  return p.quests?.some((q) => q.id === reward.id && q.done) ?? false;
}

/** HOW DO I <about>, or WHAT SHOULD I DO NOW when `about` is empty. */
export function hintLines(content: Content, state: GameState, player: string, about: string): ProseLine[] {
  const p = state.players[player];
  if (!p) return [line('system', 'You are not on the isle yet.')];
  const asked = wordsOf(about).filter((w) => !DOING.has(w) && w !== 'i');
  if (asked.length === 0) return nowLines(content, state, p);
  // A lock counts once the player has stood before it: one not yet found is not given away.
  const lock = locks(content).find((l) => {
    const to = content.locations.get(l.exit.to);
    return p.visited.includes(l.from.id) && ((to && nameScore(asked, to.name) > 0) || nameScore(asked, l.exit.lock.id.replace(/-/g, ' ')) > 0);
  });
  if (lock) return lockHint(content, state, p, lock).map((t) => line('body', t));
  const quest = questHint(content, state, p, asked);
  if (quest) return quest.map((t) => line('body', t));
  const way = /\b(get|go|reach|find|walk|head|to)\b/.test(about.toLowerCase()) ? wayHint(content, state, p, asked) : undefined;
  if (way) return way;
  const topic = topicHint(content, state, p, asked);
  if (topic) return topic.map((t) => line('body', t));
  const item = [...content.items.values()].find((i) => nameScore(asked, i.name) > 0 && knowsOfItem(content, p, i.id));
  if (item) return sourceOf(content, state, p, item.id, 1).map((t) => line('body', t));
  return [line('body', 'You know of nothing yet that would help with that.'), ...nowLines(content, state, p)];
}

/**
 * HOW DO I GET TO <a place>: the known way (GO TO walks it), or that it is not found yet, with
 * what WHAT SHOULD I DO NOW would say. Undefined when the words name no place.
 */
function wayHint(content: Content, state: GameState, p: PlayerState, asked: readonly string[]): ProseLine[] | undefined {
  const place = placeNamed(content, state, p.id, asked.join(' '));
  if (place.kind === 'unknown') return undefined;
  if (place.kind === 'unvisited') return [line('body', `You have not found your way to the ${asked.join(' ')} yet.`), ...nowLines(content, state, p)];
  const name = roomName(content, place.id);
  if (place.id === p.location) return [line('body', `You are already at ${name}.`)];
  const route = findRoute(content, state, p.id, place.id);
  if (!route) return [line('body', `You know of no open way from here to ${name}.`)];
  return [line('body', `GO TO ${name.replace(/^the /i, '').toUpperCase()} walks you there: ${route.map((r) => r.dir).join(', ')}.`)];
}

function nowLines(content: Content, state: GameState, p: PlayerState): ProseLine[] {
  const out: string[] = [];
  const stats = playerStats(content, p);
  if (p.fighting) {
    out.push(`You are fighting ${withThe(content.enemies.get(p.fighting)?.name ?? p.fighting)}: ATTACK it, or FLEE the way you came. CONSIDER it to weigh your chances.`);
  } else if (p.hp * 3 < stats.maxHp) {
    out.push(`You are badly hurt (${p.hp}/${stats.maxHp} HP): REST, HEAL, or eat or drink something that mends.`);
  }
  const task = journalOf(content, state, p.id).find((q) => q.status === 'active' && !q.world);
  const todo = task?.objectives.find((o) => !o.done);
  if (task && todo) out.push(`Your journal says (${task.name}): ${todo.text}.`);
  const visited = new Set(p.visited);
  const rooms = [p.location, ...p.visited.filter((v) => v !== p.location)].map((id) => content.locations.get(id)).filter((l) => l !== undefined);
  const open = (x: Exit) => !x.lock || state.flags.includes(x.lock.id);
  const unexplored = rooms.flatMap((room) => room.exits.filter((x) => open(x) && !visited.has(x.to)).map((x) => ({ room, x })))[0];
  if (unexplored) out.push(`You have not yet been ${unexplored.x.dir} from ${roomName(content, unexplored.room.id)}.`);
  const shut = locks(content).find((l) => visited.has(l.from.id) && !state.flags.includes(l.exit.lock.id));
  const gift = [...content.npcs.values()].flatMap((n) => visited.has(n.location)
    ? n.topics.filter((t) => t.gives && !t.requires && !p.gifts.includes(`${n.id}/${t.id}`)).map((t) => ({ n, t })) : [])[0];
  if (shut) out.push(...lockHint(content, state, p, shut, 1));
  else if (gift) out.push(`${capitalise(gift.n.name)}, in ${roomName(content, gift.n.location)}, has something for you: ASK about ${gift.t.keywords[0]}.`);
  if (out.length === 0) out.push('Gather what the isle offers, craft better gear (WHAT CAN I CRAFT), and TALK to the islanders: they know more than they say.');
  return [...out.slice(0, 3).map((t) => line('body', t)), ...(shut && gift ? [line('note', `${capitalise(gift.n.name)} also has something for you: ASK about ${gift.t.keywords[0]}.`)] : [])];
}

