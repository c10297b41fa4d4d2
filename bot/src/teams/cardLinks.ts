import { type Config } from "../config";
import { type CardLinks } from "./cards";

/** The static tab's entityId in appPackage/manifest.json; deep links name it. */
export const TAB_ENTITY_ID = "circles";

/**
 * Where "Open the Circles tab" points: a Teams deep link once the app id is known
 * (https://teams.microsoft.com/l/entity/<manifest id>/<entityId>), the local tab in a
 * browser in local mode (the Playground does not render tabs), otherwise nowhere.
 */
export function cardLinksFor(config: Pick<Config, "teamsAppId" | "mode" | "publicUrl">): CardLinks {
  if (config.teamsAppId) return { tab: `https://teams.microsoft.com/l/entity/${encodeURIComponent(config.teamsAppId)}/${TAB_ENTITY_ID}` };
  if (config.mode === "local") return { tab: `${config.publicUrl}/` };
  return {};
}
