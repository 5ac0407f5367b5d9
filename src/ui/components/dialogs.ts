/**
 * The page's dialogs (your worlds, settings, the name question, a shared world's members): none is open on the first
 * screen, so App loads them apart, right after that screen is painted or when one is asked for.
 */
export { default as NameDialog } from './NameDialog.svelte';
export { default as SettingsDialog } from './SettingsDialog.svelte';
export { default as WorldsDialog } from './WorldsDialog.svelte';
export { default as MembersDialog } from './MembersDialog.svelte';
