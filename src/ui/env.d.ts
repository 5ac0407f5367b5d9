// Ambient types for the web app: Vite's `import.meta.glob` and env, Svelte's runes and `*.svelte`.
/// <reference types="vite/client" />
/// <reference types="svelte" />
