// Vite builds the browser app (src/ui). The web app issue fills in Svelte and the PWA plugin.
import { defineConfig } from 'vite';

export default defineConfig({
  root: '.',
  publicDir: 'public',
  build: { outDir: 'dist', target: 'es2022' },
});
