import { tokens } from "@fluentui/react-components";

/** The library's card surface, so both scenes look alike. */
export { cardSurface } from "../library/surface";

export const sectionHeading = { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold } as const;

export const plainList = { margin: 0, padding: 0, listStyle: "none" } as const;
