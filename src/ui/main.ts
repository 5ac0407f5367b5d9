/**
 * The web app's entry: opens (or makes) your world and mounts the game screen. The service
 * worker is registered by vite-plugin-pwa's registerSW.js, loaded from index.html.
 */
import { mount } from 'svelte';
import App from './components/App.svelte';
import type { ChatEngine } from '../session/language-model.ts';
import { AppState } from './app.svelte.ts';
import './theme.css';

const app = new AppState();
mount(App, { target: document.getElementById('app')!, props: { app } });
void app.init();

// Tests plug a stand-in language model in (no weights); switched on by a flag in localStorage.
if (localStorage.getItem('vetrellis:test-hooks') === '1') {
  Object.assign(window, { vetrellisTest: { useEngine: async (engine: ChatEngine) => (await app.loadFreePhrasing()).use(engine) } });
}
