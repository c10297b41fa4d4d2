/**
 * The seven Insights charts. Each turns its part of the API's answer into the chart
 * library's data and into the table that carries the same numbers; a value the API held
 * back (fewer than SMALL_GROUP_MINIMUM people) is left out of the drawing, so it shows as a gap, never a zero.
 */
import { useEffect, useState } from "react";
import { makeStyles } from "@fluentui/react-components";
import { DonutChart, GroupedVerticalBarChart, LineChart, VerticalStackedBarChart } from "@fluentui/react-charts";
import { type InsightsView, type MonthPoint, SMALL_GROUP_MINIMUM } from "../../../../bot/src/contracts";
import { ChartSection } from "./ChartSection";
import {
  type Cell,
  type DataTable,
  PILOT_OUTCOMES,
  STAGES,
  anySuppressed,
  cell,
  countTicks,
  dayLabel,
  formatCount,
  formatShare,
  lineSeries,
  axisMonthLabel,
  heldBackStretches,
  monthDate,
  monthLabel,
  plainCell,
  shown,
} from "./model";
import { type ChartPalette } from "./palette";

const useStyles = makeStyles({
  // The library capitalises every word of a legend; ours are sentences.
  legend: { textTransform: "none" },
});

/** Legend options for every chart: focusable entries, written as we wrote them. */
function useLegendProps() {
  const styles = useStyles();
  return { allowFocusOnLegends: true, styles: { legend: styles.legend } };
}

/**
 * False for the first frame. The line chart measures its box after it first renders, and
 * shaded stretches drawn before that get a negative height; they wait for the measure.
 */
function useMeasured(): boolean {
  const [measured, setMeasured] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setMeasured(true));
    return () => cancelAnimationFrame(frame);
  }, []);
  return measured;
}

export interface ChartProps {
  view: InsightsView;
  locale: string;
  palette: ChartPalette;
}

const HEIGHT = 280;
/** Line charts carry a legend under them (the line and the shaded gap), so they get a little more room. */
const LINE_HEIGHT = 320;
/** The legend entry for a shaded stretch of held-back months. */
const HELD_BACK_LEGEND = `Not shown: fewer than ${SMALL_GROUP_MINIMUM} people`;
/** "5 or more", the small-group rule in the empty charts' words. */
const ENOUGH = `${SMALL_GROUP_MINIMUM} or more`;
const MARGINS = { left: 48, right: 40, top: 24, bottom: 40 };

function monthTable(points: readonly MonthPoint[], column: string, format: (v: number) => string, locale: string): DataTable {
  return { columns: ["Month", column], rows: points.map((p) => ({ header: monthLabel(p.month, locale), cells: [cell(p, format)] })) };
}

/** A line over the months of the period; the axis keeps every month, and a held-back stretch is shaded and named in the legend. */
function MonthLine({ points, legend, color, locale, palette, percent = false }: { points: readonly MonthPoint[]; legend: string; color: string; locale: string; palette: ChartPalette; percent?: boolean }) {
  const { data, gaps } = lineSeries(points, percent ? 100 : 1);
  const format = (y: number) => (percent ? formatShare(y / 100, locale) : formatCount(y, locale));
  const max = Math.max(0, ...data.map((p) => p.y));
  const heldBack = heldBackStretches(points);
  const first = points[0]?.month ?? "";
  const measured = useMeasured();
  const legendProps = useLegendProps();
  return (
    <LineChart
      data={{
        chartTitle: legend,
        lineChartData: [
          {
            legend,
            color,
            gaps,
            lineOptions: { strokeWidth: 3, mode: "lines+markers" },
            data: data.map((p) => ({ x: p.x, y: p.y, xAxisCalloutData: monthLabel(p.month, locale), yAxisCalloutData: format(p.y), text: `${monthLabel(p.month, locale)}: ${format(p.y)}` })),
          },
        ],
      }}
      colorFillBars={measured && heldBack.length > 0 ? [{ legend: HELD_BACK_LEGEND, color: palette.heldBack, applyPattern: true, data: heldBack }] : undefined}
      legendProps={legendProps}
      height={LINE_HEIGHT}
      margins={MARGINS}
      useUTC
      tickValues={points.map((p) => monthDate(p.month))}
      customDateTimeFormatter={(d: Date) => axisMonthLabel(d.toISOString().slice(0, 7), first, locale)}
      yMinValue={0}
      yMaxValue={percent ? 100 : undefined}
      yAxisTickValues={percent ? [0, 25, 50, 75, 100] : countTicks(max)}
      yAxisTickFormat={(v: number) => (percent ? `${v}%` : formatCount(v, locale))}
    />
  );
}

export function ActiveMembersChart({ view, locale, palette }: ChartProps) {
  const points = view.activeMembers;
  return (
    <ChartSection
      id="active-members"
      title="Active members"
      explanation="People who did anything in the community that month: checked in, answered a prompt, added to the library, piloted a practice or said they were going to a session."
      chart={points.some(shown) ? <MonthLine points={points} legend="Active members" color={palette.series[0]} locale={locale} palette={palette} /> : undefined}
      empty={`No month in this period had ${ENOUGH} active people to show.`}
      table={monthTable(points, "Active members", (v) => formatCount(v, locale), locale)}
      suppressed={anySuppressed(points)}
      height={LINE_HEIGHT}
    />
  );
}

export function CheckInRateChart({ view, locale, palette }: ChartProps) {
  const points = view.checkInRate;
  return (
    <ChartSection
      id="check-in-rate"
      title="Check-in rate"
      explanation="Of the members who could check in to the sessions held that month, the share who did."
      chart={points.some(shown) ? <MonthLine points={points} legend="Check-in rate" color={palette.series[2]} locale={locale} palette={palette} percent /> : undefined}
      empty={`No month in this period had sessions with ${ENOUGH} people to show.`}
      table={monthTable(points, "Check-in rate", (v) => formatShare(v, locale), locale)}
      suppressed={anySuppressed(points)}
      height={LINE_HEIGHT}
    />
  );
}

/** Category names must be unique on the axis: two sessions on one day get a number. */
function uniqueLabels(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return n === 1 ? label : `${label} (${n})`;
  });
}

export function AttendanceChart({ view, locale, palette }: ChartProps) {
  const legendProps = useLegendProps();
  const sessions = view.attendance;
  const names = uniqueLabels(sessions.map((s) => dayLabel(s.startsAt, locale)));
  const series = [
    { key: "going", legend: "Going", color: palette.series[0] },
    { key: "checkIns", legend: "Checked in", color: palette.series[1] },
  ] as const;
  const data = sessions.map((s, i) => ({
    name: names[i]!,
    series: series
      .filter(({ key }) => shown(s[key]))
      .map(({ key, legend, color }) => ({
        key,
        legend,
        color,
        data: s[key].value!,
        barLabel: formatCount(s[key].value!, locale),
        xAxisCalloutData: s.title,
        yAxisCalloutData: formatCount(s[key].value!, locale),
      })),
  }));
  const max = Math.max(0, ...sessions.flatMap((s) => [s.going, s.checkIns]).filter(shown).map((g) => g.value));
  const drawable = data.some((d) => d.series.length > 0);
  const table: DataTable = {
    columns: ["Session", "Going", "Checked in"],
    rows: sessions.map((s, i) => ({
      header: `${s.title}, ${names[i]}`,
      cells: [cell(s.going, (v) => formatCount(v, locale)), cell(s.checkIns, (v) => formatCount(v, locale))],
    })),
  };
  return (
    <ChartSection
      id="attendance"
      title="Attendance per session"
      explanation="For each recent session, how many people said they were going and how many checked in."
      chart={
        drawable ? (
          <GroupedVerticalBarChart
            data={data}
            height={HEIGHT}
            margins={MARGINS}
            chartTitle="Attendance per session"
            yAxisTickValues={countTicks(max)}
            yMinValue={0}
            barWidth="auto"
            maxBarWidth={28}
            hideLabels={false}
            legendProps={legendProps}
          />
        ) : undefined
      }
      empty={sessions.length === 0 ? "No sessions were held in this period." : `No session in this period had ${ENOUGH} people to show.`}
      table={table}
      suppressed={anySuppressed(sessions.flatMap((s) => [s.going, s.checkIns]))}
      wide
    />
  );
}

/**
 * Bars, one per category, where a held-back value leaves its category on the axis with no
 * bar: a group with no bars keeps its place, where a plain or stacked bar chart drops it.
 */
function GappyBars({ title, bars, color, locale, max }: { title: string; bars: { label: string; value: number | null; barLabel?: string; color?: string; callout?: string }[]; color: string; locale: string; max: number }) {
  return (
    <GroupedVerticalBarChart
      data={bars.map((b) => ({
        name: b.label,
        series:
          b.value === null
            ? []
            : [
                {
                  key: "value",
                  legend: title,
                  data: b.value,
                  color: b.color ?? color,
                  barLabel: b.barLabel ?? formatCount(b.value, locale),
                  xAxisCalloutData: b.callout ?? b.label,
                  yAxisCalloutData: b.barLabel ?? formatCount(b.value, locale),
                },
              ],
      }))}
      chartTitle={title}
      height={HEIGHT}
      margins={MARGINS}
      hideLegend
      hideLabels={false}
      barWidth="auto"
      maxBarWidth={40}
      yMinValue={0}
      yAxisTickValues={countTicks(max)}
    />
  );
}

export function ArtifactsChart({ view, locale, palette }: ChartProps) {
  const points = view.artifactsPerMonth;
  const max = Math.max(0, ...points.filter(shown).map((p) => p.value));
  return (
    <ChartSection
      id="artifacts"
      title="Library items added"
      explanation="Case summaries, checklists, playbooks and other items added to the library each month."
      chart={
        points.some(shown) ? (
          <GappyBars
            title="Items added"
            color={palette.series[1]}
            locale={locale}
            max={max}
            bars={points.map((p) => ({ label: axisMonthLabel(p.month, points[0]!.month, locale), callout: monthLabel(p.month, locale), value: shown(p) ? p.value : null }))}
          />
        ) : undefined
      }
      empty={`No month in this period had items from ${ENOUGH} people to show.`}
      table={monthTable(points, "Items added", (v) => formatCount(v, locale), locale)}
      suppressed={anySuppressed(points)}
    />
  );
}

export function PracticesChart({ view, locale, palette }: ChartProps) {
  const legendProps = useLegendProps();
  const points = view.practicesPerStage;
  const total = (p: (typeof points)[number]) => p.concept + p.piloting + p.adopted + p.habit;
  const max = Math.max(0, ...points.map(total));
  const table: DataTable = {
    columns: ["Month", ...STAGES.map((s) => s.label)],
    rows: points.map((p) => ({ header: monthLabel(p.month, locale), cells: STAGES.map((s): Cell => plainCell(formatCount(p[s.key], locale))) })),
  };
  return (
    <ChartSection
      id="practices"
      title="Practices by stage"
      explanation="How many of the community's practices were at each stage, from an idea to a habit, at the end of each month."
      chart={
        max > 0 ? (
          <VerticalStackedBarChart
            data={points.map((p) => ({
              xAxisPoint: axisMonthLabel(p.month, points[0]!.month, locale),
              xAxisCalloutData: monthLabel(p.month, locale),
              chartData: STAGES.map((s) => ({
                legend: s.label,
                data: p[s.key],
                color: palette.series[STAGES.indexOf(s)],
                yAxisCalloutData: formatCount(p[s.key], locale),
              })),
            }))}
            chartTitle="Practices by stage"
            height={HEIGHT}
            margins={MARGINS}
            barWidth="auto"
            maxBarWidth={40}
            yMinValue={0}
            yAxisTickValues={countTicks(max)}
            hideLabels={false}
            legendProps={legendProps}
          />
        ) : undefined
      }
      empty="The community has no practices on its progress map yet."
      table={table}
      suppressed={false}
    />
  );
}

export function CrossDepartmentChart({ view, locale, palette }: ChartProps) {
  const rounds = view.crossDepartmentPairs;
  const labels = uniqueLabels(rounds.map((r) => dayLabel(r.publishedAt, locale)));
  const max = Math.max(0, ...rounds.map((r) => r.crossDepartmentGroups).filter(shown).map((g) => g.value));
  const table: DataTable = {
    columns: ["Buddy round published", "Cross-department pairs", "Share of all pairs"],
    rows: rounds.map((r, i) => ({
      header: labels[i]!,
      cells: [cell(r.crossDepartmentGroups, (v) => formatCount(v, locale)), cell(r.crossDepartmentShare, (v) => formatShare(v, locale))],
    })),
  };
  return (
    <ChartSection
      id="cross-department"
      title="Cross-department pairs"
      explanation="In each buddy round, the pairs and groups that bring together managers from different departments, with their share of all pairs."
      chart={
        rounds.some((r) => shown(r.crossDepartmentGroups)) ? (
          <GappyBars
            title="Cross-department pairs"
            color={palette.series[2]}
            locale={locale}
            max={max}
            bars={rounds.map((r, i) => {
              const value = shown(r.crossDepartmentGroups) ? r.crossDepartmentGroups.value : null;
              const share = shown(r.crossDepartmentShare) ? ` (${formatShare(r.crossDepartmentShare.value, locale)})` : "";
              return { label: labels[i]!, value, barLabel: value === null ? undefined : `${formatCount(value, locale)}${share}`, callout: `Round published ${labels[i]}` };
            })}
          />
        ) : undefined
      }
      empty={rounds.length === 0 ? "No buddy round was published in this period." : `No buddy round in this period had ${ENOUGH} people to show.`}
      table={table}
      suppressed={anySuppressed(rounds.flatMap((r) => [r.crossDepartmentGroups, r.crossDepartmentShare]))}
    />
  );
}

export function PilotReportsChart({ view, locale, palette }: ChartProps) {
  const legendProps = useLegendProps();
  const reports = view.pilotReports;
  const outcomes = PILOT_OUTCOMES.map((o, i) => ({ ...o, value: reports[o.key], color: palette.outcomes[i]! }));
  const all = [reports.reporters, ...outcomes.map((o) => o.value)];
  const table: DataTable = {
    columns: ["How the pilot went", "Managers"],
    rows: [...outcomes.map((o) => ({ header: o.label, cells: [cell(o.value, (v) => formatCount(v, locale))] })), { header: "Managers who reported", cells: [cell(reports.reporters, (v) => formatCount(v, locale))] }],
  };
  const everyShown = all.every(shown);
  const anyShown = outcomes.some((o) => shown(o.value));
  let chart;
  if (everyShown && outcomes.some((o) => (o.value.value ?? 0) > 0)) {
    chart = (
      <DonutChart
        data={{
          chartData: outcomes.map((o) => ({ legend: o.label, data: o.value.value!, color: o.color, yAxisCalloutData: formatCount(o.value.value!, locale) })),
        }}
        innerRadius={55}
        height={HEIGHT}
        hideLabels={false}
        legendProps={legendProps}
      />
    );
  } else if (anyShown) {
    // Part of the whole was held back: a donut would misstate the shares, so bars with a gap.
    const max = Math.max(0, ...outcomes.map((o) => o.value).filter(shown).map((g) => g.value));
    chart = (
      <GappyBars
        title="Pilot reports"
        color={palette.outcomes[0]}
        locale={locale}
        max={max}
        bars={outcomes.map((o) => ({ label: o.label, value: shown(o.value) ? o.value.value : null, color: o.color }))}
      />
    );
  }
  return (
    <ChartSection
      id="pilots"
      title="Pilot reports"
      explanation="When managers reported back on a practice they piloted in this period: did it work for their team?"
      chart={chart}
      empty={shown(reports.reporters) && reports.reporters.value === 0 ? "No pilot was reported on in this period." : `Fewer than ${SMALL_GROUP_MINIMUM} managers reported on pilots in this period.`}
      table={table}
      suppressed={anySuppressed(all)}
      footnote={shown(reports.reporters) && reports.reporters.value > 0 ? `Reported by ${formatCount(reports.reporters.value, locale)} ${reports.reporters.value === 1 ? "manager" : "managers"}.` : undefined}
    />
  );
}

/** All seven charts, in reading order: the scene loads this module (and the chart library) lazily, after its data request has started. */
export default function InsightsCharts(props: ChartProps) {
  return (
    <>
      <ActiveMembersChart {...props} />
      <CheckInRateChart {...props} />
      <AttendanceChart {...props} />
      <ArtifactsChart {...props} />
      <PracticesChart {...props} />
      <CrossDepartmentChart {...props} />
      <PilotReportsChart {...props} />
    </>
  );
}
