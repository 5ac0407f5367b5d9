/** The lines of a moved world (issue 19, "Move the world"), shared by narration and the session. */
/** What everyone in a world reads when its owner moves it to a new link (the event, and a refusal after it). */
export const WORLD_MOVED_TEXT = "The isle's maker has moved this world to a new link. This copy stays as it was: you can look around it, but nothing more happens here.";

/** What a player who holds only the old link reads when they try to act in a moved world. */
export const LEFT_BEHIND_TEXT = "This world has moved, and its maker did not give you the new link: this copy is frozen, and nothing you do here reaches anyone.";

