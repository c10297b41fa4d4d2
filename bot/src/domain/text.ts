/** Small text rules shared by commands: clipping what people and Teams send to the lengths we keep. */

/** `text` cut to at most `max` characters, ending in "…" when it was longer. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** A name as Teams sends it: runs of whitespace made one space, trimmed and clipped to `max`; undefined when nothing is left. */
export function cleanName(raw: string | undefined, max: number): string | undefined {
  const name = raw?.replace(/\s+/g, " ").trim();
  return name ? clip(name, max) : undefined;
}
