import { type TeamsMessageMention } from "../contracts/teams";
import { clip } from "./cards";

/**
 * Teams message HTML → the plain text a person would read. Used to prefill "Share as case"
 * from a chat message, so it must cope with whatever Teams produces: mentions, emoji,
 * code, tables, lists, any script, and very long messages, in linear time and without
 * ever throwing.
 */

/** Elements that start and end a line of their own. */
const BLOCKS = new Set([
  "p", "div", "section", "article", "header", "footer", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
  "ul", "ol", "table", "thead", "tbody", "tfoot", "tr", "pre", "hr", "figure", "figcaption", "dl", "dt", "dd",
]);
/** Elements whose content is never text (or is an attachment we do not read). */
const SKIPPED = new Set(["script", "style", "head", "title", "template", "attachment", "svg", "noscript"]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ensp: " ", emsp: " ", thinsp: " ",
  ndash: "–", mdash: "—", hellip: "…", lsquo: "‘", rsquo: "’", sbquo: "‚", ldquo: "“", rdquo: "”", bdquo: "„",
  laquo: "«", raquo: "»", bull: "•", middot: "·", copy: "©", reg: "®", trade: "™", deg: "°", plusmn: "±",
  times: "×", divide: "÷", euro: "€", pound: "£", yen: "¥", cent: "¢", sect: "§", para: "¶", iexcl: "¡",
  iquest: "¿", shy: "", zwj: "\u200d", zwnj: "\u200c", lrm: "\u200e", rlm: "\u200f", larr: "←", rarr: "→",
  uarr: "↑", darr: "↓", check: "✓", hearts: "♥", star: "☆",
};

/** Decodes character references; an unknown named one is left as written. */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const valid = Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : "\ufffd";
    }
    return NAMED_ENTITIES[ref] ?? NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * One token at a time: a comment, a tag (attributes bounded, so a stray "<" costs
 * little), a run of text, or a lone "<" that is just text.
 */
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]{0,40})((?:\s[^<>]{0,3000})?)\s*\/?>|([^<]+)|</g;
const ATTRIBUTE = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;

function attributesOf(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (const m of raw.matchAll(ATTRIBUTE)) out[(m[1] ?? "").toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  return out;
}

/** Deeper lists are shown at this depth (no one reads ten levels of indent). */
const MAX_LIST_INDENT = 6;

/** Separates blocks (a private-use character, removed from the input first); collapsed at the end. */
const BREAK = "\uE000";
/** Indents a nested list item; survives the collapse of spaces around breaks. */
const INDENT = "\uE001";

interface Mention {
  /** Who was mentioned (a user, tag or conversation id), to merge "<at>Jonas</at> <at>Weber</at>". */
  key: string;
  name: string;
}

function mentionIndex(mentions: readonly TeamsMessageMention[]): Map<string, Mention> {
  const index = new Map<string, Mention>();
  for (const m of mentions) {
    if (m.id === null || m.id === undefined) continue;
    const who = m.mentioned?.user ?? m.mentioned?.conversation ?? m.mentioned?.application;
    const name = (who?.displayName || m.mentionText || "").trim();
    index.set(String(m.id), { key: who?.id || `mention:${String(m.id)}`, name });
  }
  return index;
}

/**
 * Converts a Teams message body to plain text: tags removed, entities decoded, `<at>`
 * mentions replaced by the person's name (a name Teams splits over several tags appears
 * once), emoji kept (their `alt`), code and preformatted text kept as text, list items
 * as "• ", table rows one per line with cells separated by " | ".
 */
export function messageHtmlToText(html: string, mentions: readonly TeamsMessageMention[] = []): string {
  const people = mentionIndex(mentions);
  const out: string[] = [];
  let skipping: string | null = null;
  let preDepth = 0;
  let mention: { id: string; text: string } | null = null;
  let lastMention: { key: string; end: number } | null = null;
  const lists: { ordered: boolean; next: number }[] = [];
  let cellsInRow = 0;

  const push = (text: string) => {
    if (mention) mention.text += text;
    else out.push(text);
  };

  for (const m of html.matchAll(TOKEN)) {
    const [whole, closing, rawName, rawAttributes, text] = m;
    if (whole.startsWith("<!--")) continue;
    if (rawName === undefined) {
      if (skipping) continue;
      const decoded = decodeEntities(text ?? whole).replace(/[\uE000\uE001]/g, "");
      push(preDepth > 0 ? decoded.replace(/\u00a0/g, " ") : decoded.replace(/\s+/g, " "));
      continue;
    }
    const name = rawName.toLowerCase();
    const isClosing = closing === "/";
    if (skipping) {
      if (isClosing && name === skipping) skipping = null;
      continue;
    }
    if (SKIPPED.has(name)) {
      if (!isClosing && !whole.endsWith("/>")) skipping = name;
      continue;
    }
    const attributes = isClosing ? {} : attributesOf(rawAttributes ?? "");

    switch (name) {
      case "at":
        if (!isClosing) {
          mention = { id: attributes.id ?? "", text: "" };
        } else if (mention) {
          const found = people.get(mention.id);
          const spoken = mention.text.replace(/\s+/g, " ").trim();
          const person: Mention = { key: found?.key ?? `text:${spoken}`, name: found?.name || spoken };
          mention = null;
          const onlySpaceSince = lastMention && out.slice(lastMention.end).every((part) => part.trim() === "");
          if (lastMention && onlySpaceSince && lastMention.key === person.key) {
            out.length = lastMention.end;
          } else if (person.name) {
            out.push(person.name);
          }
          lastMention = { key: person.key, end: out.length };
        }
        continue;
      case "emoji":
        if (!isClosing) push(attributes.alt ?? "");
        continue;
      case "img": {
        const isEmoji = /emoji/i.test(attributes.itemtype ?? "") || /emoji/i.test(attributes.class ?? "");
        if (isEmoji && attributes.alt) push(attributes.alt);
        else push(" [image] ");
        continue;
      }
      case "br":
        push("\n");
        continue;
      case "pre":
        preDepth = Math.max(0, preDepth + (isClosing ? -1 : 1));
        push(BREAK);
        continue;
      case "ul":
      case "ol":
        if (isClosing) lists.pop();
        else lists.push({ ordered: name === "ol", next: Number.parseInt(attributes.start ?? "1", 10) || 1 });
        push(BREAK);
        continue;
      case "li": {
        push(BREAK);
        if (!isClosing) {
          const list = lists[lists.length - 1];
          // Indented by nesting, up to a limit: unclosed lists nest without end, and the indents would grow with the square of the message.
          const depth = INDENT.repeat(2 * Math.min(MAX_LIST_INDENT, Math.max(0, lists.length - 1)));
          push(list?.ordered ? `${depth}${list.next++}. ` : `${depth}• `);
        }
        continue;
      }
      case "tr":
        cellsInRow = 0;
        push(BREAK);
        continue;
      case "td":
      case "th":
        if (!isClosing) {
          if (cellsInRow > 0) push(" | ");
          cellsInRow += 1;
        }
        continue;
      case "hr":
        push(`${BREAK}———${BREAK}`);
        continue;
      default:
        if (BLOCKS.has(name)) push(BREAK);
    }
  }
  if (mention) out.push(mention.text);

  return collapseBreaks(out.join(""))
    .replace(/\uE001/g, " ")
    .split("\n")
    .map((line) => trimEndWhere(line, (c) => c === " " || c === "\t" || c === "\u00a0"))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * `text` without the trailing characters `drop` accepts, in linear time. (A `[…]+$` regex
 * retries from every position of a long run of them and is quadratic: 40,000 spaces in a
 * code block took seconds.)
 */
export function trimEndWhere(text: string, drop: (char: string) => boolean): string {
  let end = text.length;
  while (end > 0 && drop(text[end - 1]!)) end--;
  return text.slice(0, end);
}

const isSpaceOrTab = (c: string) => c === " " || c === "\t";

/**
 * Each run of block breaks, with the spaces and tabs around it, becomes one line break; in
 * linear time (the regex `[ \t]*\uE000[\uE000 \t]*` is quadratic on a long run of spaces).
 */
function collapseBreaks(text: string): string {
  const parts = text.split(BREAK);
  if (parts.length === 1) return text;
  let out = trimEndWhere(parts[0]!, isSpaceOrTab);
  let pending = false;
  for (let i = 1; i < parts.length; i++) {
    pending = true;
    const part = parts[i]!;
    let start = 0;
    while (start < part.length && isSpaceOrTab(part[start]!)) start++;
    if (start === part.length) continue;
    const rest = part.slice(start);
    out += `\n${i === parts.length - 1 ? rest : trimEndWhere(rest, isSpaceOrTab)}`;
    pending = false;
  }
  return pending ? `${out}\n` : out;
}

/** The text of a message payload body: HTML converted, plain text as sent. */
export function messageBodyText(body: { contentType?: string | null; content?: string | null } | null | undefined, mentions: readonly TeamsMessageMention[] = []): string {
  const content = body?.content ?? "";
  if (!content) return "";
  if ((body?.contentType ?? "html").toLowerCase() === "text") return content.replace(/\r\n?/g, "\n").trim();
  return messageHtmlToText(content, mentions);
}

/** A title from the first line of a message: its first words, at most `max` characters. */
export function titleFrom(text: string, max = 80): string {
  const firstLine = text.split("\n").find((line) => line.trim()) ?? "";
  return clip(firstLine.replace(/^[•\s]+/u, "").replace(/\s+/g, " ").trim(), max);
}
