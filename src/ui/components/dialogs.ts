/**
 * The page's dialogs (your worlds, settings, the name question, inviting a companion): none is
 * open on the first screen, so they load apart, right after that screen is painted or when one is
 * asked for.
 */
export { default as CompanionDialog } from './CompanionDialog.svelte';
export { default as NameDialog } from './NameDialog.svelte';
export { default as SettingsDialog } from './SettingsDialog.svelte';
export { default as WorldsDialog } from './WorldsDialog.svelte';
