// Ambient types for the web app: Vite's `import.meta.glob` and env, Svelte's runes and `*.svelte`.
/// <reference types="vite/client" />
/// <reference types="svelte" />

/** The world content as JSON, validated at build time (vite.config.ts): its own file in a build. */
declare module 'virtual:vetrellis-content' {
  export function fetchContentData(): Promise<{ readonly world: unknown; readonly version: string; readonly lists: Readonly<Record<string, readonly unknown[]>> }>;
}
