// Svelte compiler options for the web app (src/ui): runes everywhere; TypeScript in components
// is handled by Svelte 5 itself, so no preprocessor is needed.
export default {
  compilerOptions: { runes: true },
};
