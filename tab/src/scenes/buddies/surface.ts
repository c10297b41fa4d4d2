import { tokens } from "@fluentui/react-components";
import { cardSurface } from "../sessions/surface";

export { plainList, sectionHeading } from "../sessions/surface";

/** The Sessions scene's card, padded the same way. */
export const card = { ...cardSurface, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}` } as const;
