// Vite builds the browser app (src/ui): Svelte 5, and a service worker (vite-plugin-pwa) that
// precaches the app shell so the game opens offline after the first visit. WebLLM is loaded
// lazily into its own chunk, which is named so the precache can leave it out (it is ~6 MB; the
// model weights are cached by WebLLM itself once the player opts in).
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const WEB_LLM = /[\\/]@mlc-ai[\\/]web-llm[\\/]/;

export default defineConfig({
  root: '.',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    target: 'es2022',
    rollupOptions: {
      output: {
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => WEB_LLM.test(id)) ? 'assets/web-llm-[hash].js' : 'assets/[name]-[hash].js',
      },
    },
  },
  plugins: [
    svelte(),
    VitePWA({
      registerType: 'autoUpdate',
      // A file rather than an inline script: the relay's CSP allows only our own scripts.
      injectRegister: 'script-defer',
      includeAssets: ['icon.svg', 'icon-192.png', 'icon-512.png'],
      manifest: {
        name: 'Vetrellis',
        short_name: 'Vetrellis',
        description: 'A text adventure on Vetrellis Isle. Your world lives in your browser; share its link to play together.',
        theme_color: '#11161c',
        background_color: '#11161c',
        display: 'standalone',
        start_url: '.',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        globIgnores: ['**/web-llm-*.js'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
});
