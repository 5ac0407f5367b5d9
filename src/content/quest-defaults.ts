/**
 * Defaults of the quest format that the rules and the narration read, apart from the zod schema
 * (quest-schema.ts) so that reading them does not bring the schema library into the web app's
 * first screen.
 */

/** How many turns a `together` objective allows when it does not say. */
export const TOGETHER_WITHIN = 3;
