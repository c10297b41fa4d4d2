/**
 * An item's notes, written in Markdown. Loaded on demand (it brings the Markdown parser).
 * Raw HTML in the text is shown as text, never run: react-markdown escapes it, and no
 * raw-HTML plugin is used. Links to javascript: and the like are dropped by its URL check.
 */
import { type ComponentProps, useMemo } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  markdown: {
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase400,
    overflowWrap: "anywhere",
    "& > :first-child": { marginTop: 0 },
    "& > :last-child": { marginBottom: 0 },
    "& p": { margin: `0 0 ${tokens.spacingVerticalS}` },
    "& ul": { margin: `0 0 ${tokens.spacingVerticalS}`, paddingLeft: tokens.spacingHorizontalXL },
    "& ol": { margin: `0 0 ${tokens.spacingVerticalS}`, paddingLeft: tokens.spacingHorizontalXL },
    "& li + li": { marginTop: tokens.spacingVerticalXXS },
    "& a": { color: tokens.colorBrandForegroundLink, textDecoration: "underline" },
    "& a:hover": { color: tokens.colorBrandForegroundLinkHover },
    "& a:focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px", borderRadius: tokens.borderRadiusSmall },
    "& code": {
      fontFamily: tokens.fontFamilyMonospace,
      fontSize: tokens.fontSizeBase200,
      backgroundColor: tokens.colorNeutralBackground3,
      borderRadius: tokens.borderRadiusSmall,
      padding: `0 ${tokens.spacingHorizontalXXS}`,
    },
    "& pre": { backgroundColor: tokens.colorNeutralBackground3, padding: tokens.spacingHorizontalM, borderRadius: tokens.borderRadiusMedium, overflowX: "auto", whiteSpace: "pre-wrap" },
    "& pre code": { padding: 0, backgroundColor: "transparent" },
    "& blockquote": { margin: `0 0 ${tokens.spacingVerticalS}`, paddingLeft: tokens.spacingHorizontalM, borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorNeutralStroke1}`, color: tokens.colorNeutralForeground2 },
    "& table": { borderCollapse: "collapse", margin: `0 0 ${tokens.spacingVerticalS}` },
    "& th": { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`, padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`, textAlign: "left" },
    "& td": { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`, padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`, textAlign: "left" },
    "& img": { maxWidth: "100%", height: "auto" },
    "& hr": { border: 0, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  },
  h1: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
  h2: { fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalXS}` },
  h3: { fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}` },
});

type HeadingProps = ComponentProps<"h1"> & { node?: unknown };

/** Renders Markdown notes for reading. Headings sit below the item's own sections in the outline. */
export default function Markdown({ text }: { text: string }) {
  const styles = useStyles();
  const components = useMemo<Components>(() => {
    const heading = (Tag: "h4" | "h5" | "h6", className: string) =>
      function Heading({ node: _node, ...props }: HeadingProps) {
        return <Tag {...props} className={className} />;
      };
    return {
      h1: heading("h4", styles.h1),
      h2: heading("h4", styles.h2),
      h3: heading("h5", styles.h3),
      h4: heading("h6", styles.h3),
      h5: heading("h6", styles.h3),
      h6: heading("h6", styles.h3),
      a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer" />,
      img: ({ node: _node, alt, ...props }) => <img {...props} alt={alt ?? ""} loading="lazy" referrerPolicy="no-referrer" />,
    };
  }, [styles]);
  return (
    <div className={styles.markdown}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
