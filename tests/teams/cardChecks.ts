import { type AdaptiveCard } from "../../bot/src/teams/cards";

/** What Teams needs of every card we send: schema 1.5, well under the ~100 KB message limit, and a fallback text. */
export function expectTeamsReady(card: AdaptiveCard): void {
  expect(card.type).toBe("AdaptiveCard");
  expect(card.version).toBe("1.5");
  expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28_000);
  expect(card.fallbackText).toBeTruthy();
}

export const text = (card: AdaptiveCard) => JSON.stringify(card);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking card JSON
export type Json = any;
/** A top-level body element by id. */
export const input = (card: AdaptiveCard, id: string): Json => (card.body as Json[]).find((e) => e.id === id);
