/**
 * Series colours that read in every Teams theme. The chart library draws into SVG with
 * concrete colours (it cannot follow CSS variables), so the colours are picked per theme:
 * the library's own data-visualisation palette, in its light or dark variant, and in high
 * contrast the few colours the Teams high-contrast theme itself uses, which stand apart
 * on black.
 */
import { useEffect, useState } from "react";
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme } from "@fluentui/react-components";
import { DataVizPalette, getColorFromToken } from "@fluentui/react-charts";
import { type HostContext, type ThemeName } from "../../teams/host";

export interface ChartPalette {
  theme: ThemeName;
  /** Up to four series that must stand apart from each other. */
  series: readonly [string, string, string, string];
  /** How pilots went: worked, mixed, didn't work. */
  outcomes: readonly [string, string, string];
  /** The stripes over a stretch the API held back. */
  heldBack: string;
}

const hc = teamsHighContrastTheme;

export function paletteFor(theme: ThemeName): ChartPalette {
  if (theme === "contrast") {
    // White, cyan, yellow and green: the high-contrast theme's text, selection, link and disabled colours.
    const [white, cyan, yellow, green] = [hc.colorNeutralForeground1, hc.colorCompoundBrandForeground1, hc.colorBrandForegroundLink, hc.colorNeutralForegroundDisabled];
    return { theme, series: [cyan, yellow, white, green], outcomes: [cyan, yellow, white], heldBack: white };
  }
  const dark = theme === "dark";
  const c = (token: string) => getColorFromToken(token, dark);
  return {
    theme,
    // Palette entries with a light and a dark variant, chosen to differ in hue and lightness.
    series: [c(DataVizPalette.color11), c(DataVizPalette.color17), c(DataVizPalette.color13), c(DataVizPalette.color20)],
    outcomes: [c(DataVizPalette.success), c(DataVizPalette.warning), c(DataVizPalette.error)],
    heldBack: (dark ? teamsDarkTheme : teamsLightTheme).colorNeutralStrokeAccessible,
  };
}

/** The host's theme, followed live (the shell follows it too, but a scene gets the host once). */
export function useChartPalette(host: HostContext): ChartPalette {
  const [theme, setTheme] = useState<ThemeName>(() => currentTheme(host.theme));
  useEffect(() => host.onThemeChange(setTheme), [host]);
  return paletteFor(theme);
}

/** What the shell last painted: it writes the theme on the document element. */
function currentTheme(fallback: ThemeName): ThemeName {
  const painted = typeof document === "undefined" ? undefined : document.documentElement.dataset.theme;
  return painted === "default" || painted === "dark" || painted === "contrast" ? painted : fallback;
}
