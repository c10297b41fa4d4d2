import { makeStyles, tokens } from "@fluentui/react-components";

/** The layout shared by scenes with a heading, a lead line and a tab list of views. */
export const useTabbedSceneStyles = makeStyles({
  scene: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  intro: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0 },
  heading: { margin: 0 },
  lead: { color: tokens.colorNeutralForeground2 },
  tabs: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalM})` },
  panel: { ":focus": { outline: "none" } },
});
