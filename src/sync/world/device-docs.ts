/**
 * The documents a device keeps for itself about a world, beside the world's own and never linked
 * to a relay (their room names are hashes of the world key, like every room's): what answers to
 * offers were told here (device-marks.ts), and the owner's half-finished move (move-memory.ts).
 * Named here, apart from the code that reads them, so that forgetting a world on this device
 * (browser-world.ts) deletes them too without loading that code.
 */
export const DEVICE_MARKS_DOC = 'device/marks';
export const MOVE_MEMORY_DOC = 'device/move';
export const DEVICE_DOCS: readonly string[] = [DEVICE_MARKS_DOC, MOVE_MEMORY_DOC];
