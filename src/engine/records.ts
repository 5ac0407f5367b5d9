/**
 * Safe reads from the state's id-keyed records. Ids in intents come from the network, so a
 * lookup must never find inherited members: `players['__proto__']` is not a player.
 *
 *   const p = entry(state.players, intent.player); // PlayerState | undefined
 */
export function entry<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Writes an own property even for the key `__proto__` (plain assignment would set the prototype). */
export function setEntry<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
