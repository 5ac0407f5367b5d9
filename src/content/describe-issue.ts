/**
 * Plain-English messages for zod issues, worded for content authors ("must be a whole number",
 * "is required"). Used as the per-parse error map; a message written into a schema wins over it.
 *
 *   Item.safeParse(value, { error: describeIssue });
 */
import type { z } from 'zod';

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

export function describeIssue(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'is required';
      return `must be ${expectedWord(String(issue.expected))}, not ${describeValue(issue.input)}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${describeValue(issue.input)}`;
    case 'too_small':
      return sizeMessage(issue.origin, 'least', issue.minimum, issue.inclusive ?? true);
    case 'too_big':
      return sizeMessage(issue.origin, 'most', issue.maximum, issue.inclusive ?? true);
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_format':
      return `is not a valid ${issue.format}`;
    case 'invalid_union':
      return 'does not match any allowed form';
    default:
      return undefined;
  }
}

function expectedWord(expected: string): string {
  switch (expected) {
    case 'string': return 'text';
    case 'number': return 'a number';
    case 'int': return 'a whole number';
    case 'boolean': return 'true or false';
    case 'array': return 'a list';
    case 'object': return 'a mapping of fields';
    default: return expected;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 37)}...` : value}"`;
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function sizeMessage(origin: string, bound: 'least' | 'most', limit: unknown, inclusive: boolean): string {
  const n = Number(limit);
  switch (origin) {
    case 'array':
    case 'set':
      return bound === 'least' && n === 1 && inclusive
        ? 'must not be an empty list'
        : `must have at ${bound} ${inclusive ? n : bound === 'least' ? n + 1 : n - 1} entries`;
    case 'string':
      return bound === 'least' && n === 1 ? 'must not be empty' : `must be at ${bound} ${n} characters`;
    default:
      return inclusive ? `must be at ${bound} ${n}` : `must be ${bound === 'least' ? 'more' : 'less'} than ${n}`;
  }
}
