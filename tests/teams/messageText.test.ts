/** Teams message HTML → plain text, for prefilling "Share as case". */
import fc from "fast-check";
import { decodeEntities, messageBodyText, messageHtmlToText, titleFrom } from "../../bot/src/teams/messageText";

const jonas = (id: number, text: string) => ({ id, mentionText: text, mentioned: { user: { id: "aad-user-jonas", displayName: "Jonas Weber" } } });

describe("messageHtmlToText", () => {
  it.each([
    ["paragraphs and line breaks", "<p>One</p><p>Two<br>Three</p>", "One\nTwo\nThree"],
    ["a mention becomes the person's name", '<p>Thanks <at id="0">Jonas</at>!</p>', "Thanks Jonas Weber!"],
    ["a name Teams splits over two mentions appears once", '<at id="0">Jonas</at>&nbsp;<at id="1">Weber</at> agreed', "Jonas Weber agreed"],
    ["a mention without an entity keeps its text", '<at id="7">Team Leads</at> please', "Team Leads please"],
    ["emoji (Teams' emoji tag, an emoji image, and plain Unicode)", '<emoji id="1f44d_thumbsup" alt="👍" title="Thumbs up"></emoji> <img alt="😂" itemtype="http://schema.skype.com/Emoji" src="x"> 🎉', "👍 😂 🎉"],
    ["inline code and a code block", "<p>Run <code>npm test</code>:</p><pre>a &lt; b\n  indented</pre>", "Run npm test:\na < b\n  indented"],
    ["a table, row by row", "<table><thead><tr><th>Who</th><th>What</th></tr></thead><tbody><tr><td>Aiko</td><td>QA</td></tr></tbody></table>", "Who | What\nAiko | QA"],
    ["lists", "<ul><li>one</li><li>two<ol><li>a</li><li>b</li></ol></li></ul>", "• one\n• two\n  1. a\n  2. b"],
    ["Japanese, Arabic, Hebrew, Cyrillic and Devanagari", "<p>今日の会議</p><p>مرحبا بالفريق</p><p>שלום</p><p>Привет</p><p>नमस्ते</p>", "今日の会議\nمرحبا بالفريق\nשלום\nПривет\nनमस्ते"],
    ["entities, named and numeric", "&amp; &lt;tag&gt; &quot;q&quot; &#39;s&#39; &hellip; &#x1F600; &#128512; &bogus;", "& <tag> \"q\" 's' … 😀 😀 &bogus;"],
    ["scripts, styles, comments and attachments leave nothing", "<style>p{}</style><script>x()</script><!-- note --><attachment id=\"1\"></attachment>text", "text"],
    ["links keep their words", '<a href="https://example.com">the doc</a>', "the doc"],
    ["other images are marked", '<img src="https://x/y.png" alt="chart">', "[image]"],
    ["a stray < is text", "a < b and c<d", "a < b and c<d"],
    ["whitespace collapses outside code", "<div>  lots   of \n  space </div>", "lots of space"],
  ])("%s", (_name, html, expected) => {
    expect(messageHtmlToText(html, [jonas(0, "Jonas"), jonas(1, "Weber")])).toBe(expected);
  });

  it("handles a 20,000-character message quickly", () => {
    const html = `<p>${"A long message about shift handovers. ".repeat(600)}</p>`;
    const started = performance.now();
    const text = messageHtmlToText(html);
    expect(performance.now() - started).toBeLessThan(200);
    expect(text.length).toBeGreaterThan(20_000);
    expect(text.startsWith("A long message")).toBe(true);
  });

  it("stays fast on hostile input (many unclosed tags and comments)", () => {
    const started = performance.now();
    messageHtmlToText("<a ".repeat(20_000));
    messageHtmlToText("<!--".repeat(20_000));
    messageHtmlToText("&#".repeat(20_000));
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("never throws and never leaves a tag behind, whatever the input", () => {
    const pieces = fc.constantFrom("<p>", "</p>", "<br>", "<at id=\"0\">", "</at>", "<pre>", "</pre>", "<td>", "<tr>", "<li>", "</ul>", "<ul>", "&amp;", "&#x1F600;", "<", ">", "x", " ", "\n", "会", "😀");
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 60 }), (parts) => {
        const text = messageHtmlToText(parts.join(""), [jonas(0, "Jonas")]);
        expect(typeof text).toBe("string");
        expect(text).not.toMatch(/<\/?(p|br|at|pre|td|tr|li|ul)>/);
        expect(text).not.toMatch(/[\uE000\uE001]/);
      }),
      { numRuns: 300 },
    );
  });
});

describe("messageBodyText", () => {
  it("keeps plain text as sent, converts HTML, and is empty without a body", () => {
    expect(messageBodyText({ contentType: "text", content: "a <b> c\r\nd" })).toBe("a <b> c\nd");
    expect(messageBodyText({ contentType: "html", content: "<p>a</p>" })).toBe("a");
    expect(messageBodyText({ content: "<p>a &amp; b</p>" })).toBe("a & b");
    expect(messageBodyText(null)).toBe("");
    expect(messageBodyText({ contentType: "html", content: null })).toBe("");
  });
});

describe("titleFrom", () => {
  it.each([
    ["the first line", "Handover trouble\nMore detail", "Handover trouble"],
    ["skipping blank lines and bullets", "\n\n• First point\nsecond", "First point"],
    ["cut at a word, with …", "Our weekly planning meeting keeps running over because nobody owns the agenda and people come unprepared", "Our weekly planning meeting keeps running over because nobody owns the agenda…"],
    ["empty", "", ""],
  ])("%s", (_name, text, expected) => {
    const title = titleFrom(text);
    expect(title).toBe(expected);
    expect(title.length).toBeLessThanOrEqual(80);
  });
});

describe("decodeEntities", () => {
  it("replaces invalid code points and leaves text without entities alone", () => {
    expect(decodeEntities("&#0; &#xD800; &#99999999;")).toBe("\ufffd \ufffd \ufffd");
    expect(decodeEntities("no entities")).toBe("no entities");
  });
});
