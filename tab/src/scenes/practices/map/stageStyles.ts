import { makeStyles, tokens } from "@fluentui/react-components";
import { type PracticeStage } from "../../../../../bot/src/contracts";

/**
 * Each stage's accent, used as a stroke only (never behind text), so it reads at a glance in
 * every theme; in high contrast the palette maps onto the system colours.
 */
const STAGE_ACCENT: Record<PracticeStage, string> = {
  concept: tokens.colorNeutralStrokeAccessible,
  piloting: tokens.colorPaletteMarigoldBorderActive,
  adopted: tokens.colorBrandStroke1,
  habit: tokens.colorPaletteGreenBorderActive,
};

const edge = (side: "Left" | "Top", width: string) =>
  Object.fromEntries(Object.entries(STAGE_ACCENT).map(([stage, color]) => [stage, { [`border${side}`]: `${width} solid ${color}` }])) as Record<PracticeStage, Record<string, string>>;

/** A thick accent edge on the left (cards, progress) or on top (column headers), per stage. */
export const useStageLeft = makeStyles(edge("Left", tokens.strokeWidthThickest));
export const useStageLeftThin = makeStyles(edge("Left", tokens.strokeWidthThick));
export const useStageTop = makeStyles(edge("Top", tokens.strokeWidthThickest));
