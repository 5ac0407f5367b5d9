/**
 * The session layer: what the terminal client and the web app use to play.
 */
export { COMMAND_CODE_MISSING_TEXT, INTERNAL_ERROR_TEXT, loadCommandCode, Session, type Reply, type SessionOptions } from './session.ts';
export { observe, type Observation, type ObservedQuest } from './observation.ts';
export { CONTENT_MISMATCH_NOTICE, type WorldBackend, type WorldNews, type WorldStatus } from './world.ts';
export { membersOf, roleOf, type Member, type MemberRole } from './members.ts';
export type { ProseLine, ProseStyle } from '../narrate/index.ts';
export { plainText } from '../narrate/index.ts';
export type { Content } from '../content/index.ts';
export { compareCodeUnits } from '../content/canonical.ts';
/** The web app receives content as JSON and freezes it into the shape Node loads. */
export { freezeContent, type ContentLists } from '../content/freeze.ts';
export { canJoin, createWorldKey, isWorldKey, watchKeyOf, worldLink, worldSeedOf } from '../sync/world/world-key.ts';
