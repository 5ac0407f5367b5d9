/**
 * What a language model may answer right now: the JSON schema of the zod `Action` union
 * (z.toJSONSchema) narrowed to the kinds that make sense in this scope and to the entity ids in
 * it (enums), and the re-check of a validated answer against the same scope.
 *
 *   const schema = intentSchemaFor(scope);           // for response_format
 *   const bad = outOfScope(action, scope);           // undefined when every id is allowed
 */
import { z } from 'zod/mini';
import { SLOTS } from '../content/vocabulary.ts';
import { Action, PLAYER_ACTION_KINDS, type ActionKind } from '../engine/action.ts';
import type { Scope, ScopeEntity } from '../engine/scope.ts';

/** Most intents one line may become through the model. */
export const MAX_LLM_INTENTS = 6;

type Field = 'target' | 'to' | 'with' | 'dir' | 'from' | 'in';
type Domains = Partial<Record<ActionKind, Partial<Record<Field, readonly string[]>>>>;

const ids = (es: readonly ScopeEntity[], keep: (e: ScopeEntity) => boolean) => [...new Set(es.filter(keep).map((e) => e.id))].sort();

/** For each kind and id field, the values allowed in this scope. */
export function domainsOf(scope: Scope): Domains {
  const es = scope.entities;
  const item = (e: ScopeEntity) => e.kind === 'item';
  const held = (e: ScopeEntity) => item(e) && (e.where === 'carried' || e.where === 'worn');
  const person = (e: ScopeEntity) => e.kind === 'npc' || e.kind === 'player';
  const worn = ids(es, (e) => item(e) && e.where === 'worn');
  const boxes = ids(es, (e) => e.kind === 'container');
  const inside = Object.values(scope.inside ?? {}).flat().map((e) => e.id);
  return {
    examine: { target: ids(es, () => true) },
    move: { dir: [...scope.exits] },
    take: { target: [...new Set([...ids(es, (e) => item(e) && e.where === 'here'), ...inside])].sort(), from: boxes },
    put: { target: ids(es, held), in: boxes },
    open: { target: boxes },
    close: { target: boxes },
    drop: { target: ids(es, held) },
    give: { target: ids(es, item), to: ids(es, person) },
    equip: { target: ids(es, (e) => item(e) && e.slot !== undefined) },
    unequip: { target: worn.length ? [...worn, ...SLOTS] : [] },
    use: { target: ids(es, (e) => (item(e) && e.where !== 'known') || e.kind === 'skill'), with: [...ids(es, (e) => e.where !== 'known'), ...scope.exits] },
    gather: { target: ids(es, (e) => e.kind === 'node') },
    craft: { target: ids(es, (e) => e.kind === 'recipe') },
    attack: { target: ids(es, (e) => e.kind === 'enemy'), with: ids(es, (e) => e.kind === 'skill') },
    talk: { target: ids(es, person) },
    party: { target: ids(es, (e) => e.kind === 'player') },
    follow: { target: ids(es, (e) => e.kind === 'player') },
  };
}

interface Member {
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  [k: string]: unknown;
}

let baseMembers: readonly Member[] | undefined;
/** The Action union as JSON schema members, once (z.toJSONSchema is not free). */
function actionMembers(): readonly Member[] {
  baseMembers ??= (z.toJSONSchema(Action) as { oneOf: Member[] }).oneOf;
  return baseMembers;
}

/** `{ intents: Action[] }` with kinds and ids narrowed to the scope. */
export function intentSchemaFor(scope: Scope): Record<string, unknown> {
  const domains = domainsOf(scope);
  const kinds = new Set<string>(PLAYER_ACTION_KINDS);
  const members: Member[] = [];
  for (const m of actionMembers()) {
    const kind = m.properties['kind']?.['const'] as ActionKind | undefined;
    if (!kind || !kinds.has(kind)) continue;
    const d = domains[kind] ?? {};
    const props: Record<string, Record<string, unknown>> = { ...m.properties };
    let possible = true;
    for (const [field, values] of Object.entries(d) as [Field, readonly string[]][]) {
      if (!(field in props)) continue;
      const required = m.required?.includes(field) ?? false;
      if (values.length === 0) {
        if (required) possible = false;
        else delete props[field];
        continue;
      }
      props[field] = { type: 'string', enum: [...values] };
    }
    if (!possible) continue;
    // Strict structured outputs (OpenAI's) want every property required: optional ones may be null.
    const required = m.required ?? [];
    for (const key of Object.keys(props)) {
      if (!required.includes(key)) props[key] = { anyOf: [props[key]!, { type: 'null' }] };
    }
    members.push({ ...m, properties: props, required: Object.keys(props) });
  }
  return {
    type: 'object',
    properties: { intents: { type: 'array', items: { anyOf: members }, maxItems: MAX_LLM_INTENTS } },
    required: ['intents'],
    additionalProperties: false,
  };
}

/** The answer's shape, validated with the real Action schema (never the narrowed JSON schema). */
export const LlmAnswer = z.object({ intents: z.array(Action).check(z.maxLength(MAX_LLM_INTENTS)) });

/** Drops `null` fields (how a strict schema says "absent") so the zod schema sees them as absent. */
export function withoutNulls(json: unknown): unknown {
  if (typeof json !== 'object' || json === null) return json;
  const intents = (json as { intents?: unknown }).intents;
  if (!Array.isArray(intents)) return json;
  return {
    ...json,
    intents: intents.map((a: unknown) =>
      typeof a === 'object' && a !== null ? Object.fromEntries(Object.entries(a).filter(([, v]) => v !== null)) : a),
  };
}

/** Why an action may not leave the parser in this scope, or undefined when it may. */
export function outOfScope(a: Action, scope: Scope): string | undefined {
  if (!(PLAYER_ACTION_KINDS as readonly string[]).includes(a.kind)) return `kind ${a.kind} is not a player command`;
  const d = domainsOf(scope)[a.kind] ?? {};
  for (const [field, values] of Object.entries(d) as [Field, readonly string[]][]) {
    const v = (a as Record<string, unknown>)[field];
    if (v === undefined) continue;
    if (typeof v !== 'string' || !values.includes(v)) return `${a.kind}.${field} ${JSON.stringify(v)} is not in scope`;
  }
  return undefined;
}

