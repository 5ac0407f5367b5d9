/**
 * World content: the zod schemas and types of every kind, and the loader that turns YAML into
 * validated, frozen `Content`. Browser-safe; Node code that reads a directory imports
 * `./node-load.ts` (loadContentDir, DEFAULT_CONTENT_DIR) directly.
 *
 *   import { parseContent, ContentError } from './index.ts';
 */
export * from './schema.ts';
export { parseContent, ContentError, formatPath, type ContentFile } from './load.ts';
