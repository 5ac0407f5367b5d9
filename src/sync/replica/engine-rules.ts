/**
 * The real game rules behind the sync layer's Rules interface.
 */
import { apply, createWorld, hashState } from '../../engine/index.ts';
import type { Rules } from './rules.ts';

export const engineRules: Rules = { createWorld, apply, hashState };
