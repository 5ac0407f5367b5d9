// Ambient types for the web app: Vite's `import.meta.glob` and env, Svelte's runes and `*.svelte`.
/// <reference types="vite/client" />
/// <reference types="svelte" />

/** The world content as JSON, validated at build time (vite.config.ts). */
declare module 'virtual:vetrellis-content' {
  const data: { readonly world: unknown; readonly version: string; readonly lists: Readonly<Record<string, readonly unknown[]>> };
  export default data;
}
