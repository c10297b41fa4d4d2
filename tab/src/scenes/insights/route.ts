/**
 * The Insights period kept in the address (`?months=12`), so a reload or a shared link
 * shows the same stretch of time. Only this key belongs to the scene.
 */
import { useQueryPlace } from "../../lib/useQueryPlace";
import { DEFAULT_MONTHS, MONTH_CHOICES, type MonthChoice } from "./model";

const MONTHS_KEY = "months";

const isChoice = (n: number): n is MonthChoice => (MONTH_CHOICES as readonly number[]).includes(n);

/** Reads the period; anything else falls back to six months. */
export function readMonths(search: string): MonthChoice {
  const n = Number(new URLSearchParams(search).get(MONTHS_KEY));
  return isChoice(n) ? n : DEFAULT_MONTHS;
}

/** The address with the period replaced (the default left out). */
export function monthsHref(months: MonthChoice, current: string = window.location.href): string {
  const url = new URL(current);
  url.searchParams.delete(MONTHS_KEY);
  if (months !== DEFAULT_MONTHS) url.searchParams.set(MONTHS_KEY, String(months));
  return `${url.pathname}${url.search}${url.hash}`;
}

export const useInsightsMonths = () => useQueryPlace(readMonths, monthsHref);
