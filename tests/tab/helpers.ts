/** Shared by the tab's Chromium tests: talking to the server as a demo person, waiting for the UI, reading it. */
import { isDeepStrictEqual } from "node:util";
import { type Page } from "playwright-core";
import { ArtifactResponse, type ArtifactCreateRequest, ArtifactListResponse, MeResponse } from "../../bot/src/contracts";

export interface Server {
  baseUrl: string;
}

/** The server's own answer, to compare the screen with. */
export async function apiGet<T>(server: Server, path: string, schema: { parse(v: unknown): T }, devUser: string): Promise<T> {
  const response = await fetch(`${server.baseUrl}${path}`, { headers: { "X-Dev-User": devUser } });
  expect(response.status).toBe(200);
  return schema.parse(await response.json());
}

/** Sends JSON as a demo person and returns status and body. */
export async function apiSend(server: Server, method: string, path: string, devUser: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { "X-Dev-User": devUser, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

export async function communityOf(server: Server, devUser: string): Promise<string> {
  return (await apiGet(server, "/api/me", MeResponse, devUser)).communities[0]!.id;
}

/** Creates an item through the API (as a colleague would have), for a test to open. */
export async function createItem(server: Server, devUser: string, content: ArtifactCreateRequest): Promise<ArtifactResponse> {
  const communityId = await communityOf(server, devUser);
  const { status, body } = await apiSend(server, "POST", `/api/communities/${communityId}/artifacts`, devUser, content);
  if (status !== 201) throw new Error(`Creating "${content.title}" failed: ${status} ${JSON.stringify(body)}`);
  return ArtifactResponse.parse(body);
}

export async function listItems(server: Server, devUser: string, query = ""): Promise<ArtifactListResponse> {
  const communityId = await communityOf(server, devUser);
  return apiGet(server, `/api/communities/${communityId}/artifacts?limit=100${query}`, ArtifactListResponse, devUser);
}

export const rows = (page: Page) => page.locator("li[id^='artifact-']");

/** Opens the tab and waits until the library list, an item, or an error is on screen. */
export async function openTab(server: Server, page: Page, query = ""): Promise<void> {
  await page.goto(`${server.baseUrl}/${query}`);
  await page
    .locator("li[id^='artifact-'], .fui-MessageBar, #item-heading, #editor-heading")
    .or(page.getByText("Nothing in the library yet"))
    .first()
    .waitFor({ timeout: 20_000 });
}

/** Polls `read` until it equals `expected` (the UI settles after debounce and fetch), then asserts. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let actual = await read();
  while (!isDeepStrictEqual(actual, expected) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    actual = await read();
  }
  expect(actual).toEqual(expected);
}

export function titles(page: Page): Promise<string[]> {
  return rows(page).evaluateAll((els) => els.map((el) => el.querySelector("h3")?.textContent ?? ""));
}

export function longestWord(text: string): string {
  return text.split(/[^A-Za-z]+/).sort((a, b) => b.length - a.length)[0] ?? text;
}

/** Ids may contain ":" or "."; escape them for a CSS id selector. */
export function cssId(id: string): string {
  return id.replace(/([^A-Za-z0-9_-])/g, "\\$1");
}

export const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

export async function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.querySelector(".fui-FluentProvider");
    const [r, g, b] = (getComputedStyle(root ?? document.body).backgroundColor.match(/\d+/g) ?? ["255", "255", "255"]).map(Number) as [number, number, number];
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });
}

/** The page follows `theme` (default, dark or contrast): the document says so and the background is light, dark or black. */
export async function expectTheme(page: Page, theme: "default" | "dark" | "contrast"): Promise<void> {
  await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe(theme);
  const luminance = await backgroundLuminance(page);
  if (theme === "contrast") expect(luminance).toBe(0);
  else if (theme === "dark") expect(luminance).toBeLessThan(0.2);
  else expect(luminance).toBeGreaterThan(0.8);
}
