/**
 * Puts the cursor back in the command box after a click elsewhere (a menu closing, an exit
 * button), so the keyboard player never has to reach for the mouse to type again. On touch
 * screens it does nothing unless asked, because focusing opens the on-screen keyboard.
 */
export function focusPrompt(evenOnTouch = false): void {
  if (!evenOnTouch && !matchMedia('(pointer: fine)').matches) return;
  document.querySelector<HTMLInputElement>('input[name="command"]')?.focus({ preventScroll: true });
}
