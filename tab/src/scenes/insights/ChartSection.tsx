import { type ReactNode, useId, useState } from "react";
import { Button, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { cardSurface } from "../sessions/surface";
import { type DataTable, PRIVACY_NOTE } from "./model";

const useStyles = makeStyles({
  section: { ...cardSurface, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0, padding: tokens.spacingHorizontalL },
  wide: { gridColumn: "1 / -1" },
  heading: { margin: 0 },
  explain: { color: tokens.colorNeutralForeground2 },
  chart: { minWidth: 0 },
  note: {
    display: "flex",
    alignItems: "baseline",
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  /** The same diagonal stripes the line charts draw over a held-back stretch. */
  gapMark: {
    display: "inline-block",
    flexShrink: 0,
    width: "14px",
    height: "10px",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeAccessible}`,
    backgroundImage: `repeating-linear-gradient(135deg, ${tokens.colorNeutralStrokeAccessible} 0 1px, transparent 1px 4px)`,
  },
  footer: { display: "flex", justifyContent: "flex-start" },
  table: {
    borderCollapse: "collapse",
    width: "100%",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": {
      textAlign: "start",
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
    "& td": { fontVariantNumeric: "tabular-nums" },
    "& thead th": { fontWeight: tokens.fontWeightSemibold },
    "& tbody th": { fontWeight: tokens.fontWeightRegular },
  },
  tableWrap: { overflowX: "auto" },
  caption: { textAlign: "start", captionSide: "top", paddingBottom: tokens.spacingVerticalXS, color: tokens.colorNeutralForeground2 },
  suppressed: { color: tokens.colorNeutralForeground2, fontStyle: "italic" },
});

export interface ChartSectionProps {
  /** Used for ids and `data-testid`. */
  id: string;
  title: string;
  /** One sentence: what the chart counts. */
  explanation: string;
  /** The chart itself; undefined when there is nothing to draw (then `empty` says why). */
  chart?: ReactNode;
  empty?: string;
  table: DataTable;
  /** True when a value in the chart was held back, so the gap is explained. */
  suppressed: boolean;
  wide?: boolean;
  /** The chart's box: the library fills its parent's height, legend included. */
  height?: number;
  /** A line under the chart, e.g. how many people the numbers come from. */
  footnote?: string;
}

/** One chart with its heading, what it counts, the privacy note when a value was held back, and its numbers as a table. */
export function ChartSection({ id, title, explanation, chart, empty, table, suppressed, wide = false, height = 280, footnote }: ChartSectionProps) {
  const styles = useStyles();
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const headingId = `insights-${id}-heading`;
  return (
    <section className={mergeClasses(styles.section, wide && styles.wide)} aria-labelledby={headingId} data-testid={`chart-${id}`}>
      <Text as="h3" id={headingId} size={400} weight="semibold" className={styles.heading}>
        {title}
      </Text>
      <Text className={styles.explain}>{explanation}</Text>
      {chart ? <div className={styles.chart} style={{ height }}>{chart}</div> : <Text className={styles.explain}>{empty}</Text>}
      {footnote && <Text className={styles.explain}>{footnote}</Text>}
      {suppressed && (
        <Text className={styles.note} data-testid="privacy-note">
          <span className={styles.gapMark} aria-hidden="true" />
          {PRIVACY_NOTE}
        </Text>
      )}
      {table.rows.length > 0 && (
        <div className={styles.footer}>
          <Button appearance="subtle" size="small" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((v) => !v)}>
            {showTable ? "Hide table" : "Show as table"}
          </Button>
        </div>
      )}
      <div id={tableId} hidden={!showTable} className={styles.tableWrap}>
        {showTable && <NumbersTable title={title} table={table} />}
      </div>
    </section>
  );
}

function NumbersTable({ title, table }: { title: string; table: DataTable }) {
  const styles = useStyles();
  const [first, ...rest] = table.columns;
  return (
    <table className={styles.table} data-testid="data-table">
      <caption className={styles.caption}>{title}: the numbers</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          {rest.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, i) => (
          <tr key={`${row.header}-${i}`}>
            <th scope="row">{row.header}</th>
            {row.cells.map((c, j) =>
              c.suppressed ? (
                <td key={j} className={styles.suppressed} data-suppressed="true">
                  {c.text}
                </td>
              ) : (
                <td key={j}>{c.text}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
