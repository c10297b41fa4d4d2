/**
 * The scenes the navigation offers. Only scenes that work are listed; each loads
 * on first visit so the first paint carries the shell alone.
 */
import { type ComponentType, type LazyExoticComponent, lazy } from "react";
import { type ApiClient } from "../api/client";
import { type CommunityResponse, type MeResponse } from "../../../bot/src/contracts";
import { type HostContext } from "../teams/host";

export type MyCommunity = MeResponse["communities"][number];

export interface SceneProps {
  api: ApiClient;
  host: HostContext;
  community: MyCommunity;
  /** Who is signed in: the editor needs it to know whether an item is theirs. */
  user: MeResponse["user"];
  /** Labels for priorities and the like; undefined until loaded (or if it failed). */
  details?: CommunityResponse;
}

export interface Scene {
  id: string;
  label: string;
  Component: LazyExoticComponent<ComponentType<SceneProps>>;
}

export const SCENES: readonly [Scene, ...Scene[]] = [
  { id: "library", label: "Library", Component: lazy(() => import("./library/LibraryScene")) },
  { id: "practices", label: "Progress map", Component: lazy(() => import("./practices/PracticesScene")) },
  { id: "sessions", label: "Sessions", Component: lazy(() => import("./sessions/SessionsScene")) },
  { id: "buddies", label: "Buddies", Component: lazy(() => import("./buddies/BuddiesScene")) },
  { id: "insights", label: "Insights", Component: lazy(() => import("./insights/InsightsScene")) },
  { id: "charter", label: "Charter", Component: lazy(() => import("./charter/CharterScene")) },
];

/** The scene named by the address (`#/library`), or the first one. */
export function sceneFromHash(hash: string): Scene {
  const id = hash.replace(/^#\/?/, "");
  return SCENES.find((s) => s.id === id) ?? SCENES[0];
}
