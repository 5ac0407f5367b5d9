/**
 * The companion's part of the page, loaded after the first screen (app.svelte.ts): the host that
 * runs it in a Web Worker of this tab (the worker's own code is a further chunk, fetched only
 * when a companion is invited or wakes), and the panel under the players that invites and
 * dismisses it.
 *
 *   const { companionHost, CompanionPanel } = await import('./companion-ui.ts');
 *   const host = companionHost({ link, friend, recorded, save });
 */
import { CompanionHost, type CompanionHostOptions, type CompanionWorker } from './companion-host.ts';

export { default as CompanionPanel } from './components/CompanionPanel.svelte';

export function companionHost(options: Omit<CompanionHostOptions, 'spawn'>): CompanionHost {
  return new CompanionHost({
    ...options,
    spawn: () => new Worker(new URL('./companion-worker.ts', import.meta.url), { type: 'module', name: 'companion' }) as unknown as CompanionWorker,
  });
}
