/**
 * What an agent sends, decoded: plain text for the parser, or a structured action checked by the
 * very zod schema every intent passes (src/engine/action.ts). A terminal line whose first
 * character (after spaces) is `{` is a structured action.
 *
 *   decodeLine('take the rope')                       // { text: 'take the rope' }
 *   decodeLine('{"kind":"move","dir":"north"}')       // { action: { kind: 'move', dir: 'north' } }
 *   decodeLine('{"kind":"fly"}')                      // { error: 'That action is not valid: kind: Invalid discriminator value. ...' }
 */
import { z } from 'zod/mini';
import { ActionSchema, type Action } from '../engine/index.ts';

// zod/mini ships without messages ("Invalid input"); an agent is told what exactly was wrong.
z.config(z.locales.en());

export type AgentInput =
  | { readonly text: string }
  | { readonly action: Action }
  | { readonly error: string };

export function decodeLine(line: string): AgentInput {
  if (!line.trimStart().startsWith('{')) return { text: line };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { error: `That line starts like a structured action but is not valid JSON (${err instanceof Error ? err.message : String(err)}).` };
  }
  return decodeAction(value);
}

export function decodeAction(value: unknown): AgentInput {
  const parsed = ActionSchema.safeParse(value);
  if (parsed.success) return { action: parsed.data };
  const issues = parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ` : '') + i.message);
  return { error: `That action is not valid: ${issues.join('; ')}.` };
}
