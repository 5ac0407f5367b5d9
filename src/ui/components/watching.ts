/**
 * What only a tab that watches shows (the banner over the prompt, a spectator's sheet): a world
 * played in this tab never needs it, so it is a chunk of its own, loaded when a tab turns out to
 * watch (a watch link, or another tab of this player playing the world).
 */
export { default as WatchingNotice } from './WatchingNotice.svelte';
export { default as SpectatorSheet } from './SpectatorSheet.svelte';
