// Whatever an author does to a file, the loader answers with content or with a ContentError whose
// every line is `file:line: ...` pointing inside the file; it never throws anything else.
// A failure prints its seed; rerun with `npx vitest run tests/content -t corrupt` and that seed.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContentError, parseContent, type ContentFile } from '../../src/content/index.ts';
import { DEFAULT_CONTENT_DIR } from '../../src/content/node-load.ts';

const FILES: readonly ContentFile[] = readdirSync(DEFAULT_CONTENT_DIR)
  .filter((n) => n.endsWith('.yaml'))
  .sort()
  .map((n) => ({ name: `content/vetrellis/${n}`, text: readFileSync(join(DEFAULT_CONTENT_DIR, n), 'utf8') }));

const SNIPPETS = ['', ':', '- ', '  - id: x', '{', ']', 'weight: -3', 'id: Bad Id', '  qty: 1.5', '"', '&a *a', 'null', '- { item: nothing }', '\t'];

const mutation: fc.Arbitrary<Mutation> = fc.record({
  file: fc.nat({ max: FILES.length - 1 }),
  line: fc.nat(),
  kind: fc.constantFrom('delete', 'replace', 'insert', 'append', 'duplicate') as fc.Arbitrary<Mutation['kind']>,
  text: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 12 })),
});

interface Mutation {
  readonly file: number;
  readonly line: number;
  readonly kind: 'delete' | 'replace' | 'insert' | 'append' | 'duplicate';
  readonly text: string;
}

function mutate(files: readonly ContentFile[], m: Mutation): ContentFile[] {
  return files.map((f, i) => {
    if (i !== m.file) return f;
    const lines = f.text.split('\n');
    const at = m.line % lines.length;
    const line = lines[at] ?? '';
    if (m.kind === 'delete') lines.splice(at, 1);
    else if (m.kind === 'replace') lines[at] = m.text;
    else if (m.kind === 'insert') lines.splice(at, 0, m.text);
    else if (m.kind === 'append') lines[at] = line + m.text;
    else lines.splice(at, 0, line);
    return { name: f.name, text: lines.join('\n') };
  });
}

describe('corrupted content', () => {
  it('is refused with well-formed file:line errors, never a crash', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const files = mutations.reduce<ContentFile[]>((acc, m) => mutate(acc, m), [...FILES]);
        try {
          parseContent(files);
        } catch (error) {
          expect(error).toBeInstanceOf(ContentError);
          const errors = (error as ContentError).errors;
          expect(errors.length).toBeGreaterThan(0);
          for (const line of errors) {
            const match = /^(content\/vetrellis\/[a-z]+\.yaml)(?::(\d+))?: \S.*$/.exec(line);
            expect(match, line).not.toBeNull();
            const file = files.find((f) => f.name === match![1]);
            if (file && match![2] !== undefined) {
              expect(Number(match![2])).toBeGreaterThanOrEqual(1);
              expect(Number(match![2])).toBeLessThanOrEqual(file.text.split('\n').length + 1);
            }
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});
