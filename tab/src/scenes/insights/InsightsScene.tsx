import { Suspense, lazy, useEffect, useState } from "react";
import { Button, Field, Select, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type InsightsView, SMALL_GROUP_MINIMUM } from "../../../../bot/src/contracts";
import { type ApiClient } from "../../api/client";
import { TabbedScene, useToasts } from "../../shell/TabbedScene";
import { EmptyState, ErrorState, LoadingState, messageOf } from "../../shell/states";
import { type SceneProps } from "../index";
import { saveDownload } from "../sessions/download";
import { type Toast } from "../sessions/env";
import { useKept } from "../sessions/useKept";
import { MONTH_CHOICES, type MonthChoice, isEmpty, monthLabel, quarterLabel, recentQuarters } from "./model";
import { useChartPalette } from "./palette";
import { useInsightsMonths } from "./route";
import { StoriesPanel } from "./StoriesPanel";

/** The charts carry the chart library: loaded in parallel with the data (asked for when the scene opens), not before it. */
const loadCharts = () => import("./charts");
const InsightsCharts = lazy(loadCharts);

const useStyles = makeStyles({
  controls: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalM },
  period: { color: tokens.colorNeutralForeground2 },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 420px), 1fr))",
    gap: tokens.spacingHorizontalL,
  },
  refreshing: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground2 },
});

/** How the community is doing: participation and change over time, in charts with their numbers, and the stories behind them. */
export default function InsightsScene({ api, host, community }: SceneProps) {
  const styles = useStyles();
  const [months, setMonths] = useInsightsMonths();
  const palette = useChartPalette(host);
  const insights = useKept((signal) => api.insights(community.id, { months }, signal), [api, community.id, months]);

  const { notes, toast } = useToasts();
  useEffect(() => {
    void loadCharts();
  }, []);

  let body;
  if (insights.status === "loading") body = <LoadingState label="Loading the community's insights…" />;
  else if (insights.status === "error") body = <ErrorState title="We couldn't load the insights" error={insights.error} onRetry={insights.reload} />;
  else if (isEmpty(insights.data))
    body = (
      <EmptyState title="Nothing to show yet">
        Once people check in to sessions, add to the library, answer prompts and try practices, this page shows how the community is doing. Numbers about fewer than {SMALL_GROUP_MINIMUM} people are never shown.
      </EmptyState>
    );
  else {
    const props = { view: insights.data, locale: host.locale, palette };
    // The page shows once the charts can be drawn, stories and all, rather than in pieces.
    body = (
      <Suspense fallback={<LoadingState label="Drawing the charts…" />}>
        <div className={styles.grid} data-testid="insights" data-theme={palette.theme}>
          <InsightsCharts {...props} />
          <StoriesPanel stories={insights.data.stories} locale={host.locale} communityId={community.id} />
        </div>
      </Suspense>
    );
  }

  const view = insights.status === "ready" ? insights.data : undefined;
  return (
    <TabbedScene
      id="insights"
      title="Insights"
      lead={`How the community is doing: who takes part, what it learns and which practices stick. A number about fewer than ${SMALL_GROUP_MINIMUM} people is never shown.`}
      busy={insights.status === "loading" || insights.refreshing}
      notes={notes}
      actions={
        <>
          <div className={styles.controls}>
            <Field label="Period">
              <Select value={String(months)} onChange={(_, data) => setMonths(Number(data.value) as MonthChoice)}>
                {MONTH_CHOICES.map((n) => (
                  <option key={n} value={n}>
                    Last {n} months
                  </option>
                ))}
              </Select>
            </Field>
            {view && (
              <Text className={styles.period} data-testid="period">
                {monthLabel(view.from, host.locale)} – {monthLabel(view.to, host.locale)}
              </Text>
            )}
            {insights.refreshing && insights.status === "ready" && (
              <span className={styles.refreshing} role="status">
                <Spinner size="tiny" /> Updating…
              </span>
            )}
          </div>
          {view?.can.export && <ExportControls api={api} communityId={community.id} view={view} locale={host.locale} toast={toast} />}
        </>
      }
    >
      {body}
    </TabbedScene>
  );
}

/** The quarterly review for sponsors: numbers and stories together, as Markdown to read or CSV for a spreadsheet. */
function ExportControls({ api, communityId, view, locale, toast }: { api: ApiClient; communityId: string; view: InsightsView; locale: string; toast: Toast }) {
  const styles = useStyles();
  const quarters = recentQuarters(view.to);
  const [quarter, setQuarter] = useState(quarters[0]!);
  const [busy, setBusy] = useState<"md" | "csv">();
  const download = async (format: "md" | "csv") => {
    setBusy(format);
    try {
      saveDownload(await api.exportInsights(communityId, { format, quarter }));
      toast(`The ${quarterLabel(quarter, locale)} review is downloading.`);
    } catch (error) {
      toast(`We couldn't make the export. ${messageOf(error)}`, { intent: "error" });
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <div className={styles.controls} data-testid="export">
      <Field label="Quarter">
        <Select value={quarter} onChange={(_, data) => setQuarter(data.value)}>
          {quarters.map((q) => (
            <option key={q} value={q}>
              {quarterLabel(q, locale)}
            </option>
          ))}
        </Select>
      </Field>
      {(["md", "csv"] as const).map((format) => (
        <Button key={format} onClick={() => void download(format)} disabledFocusable={busy !== undefined} icon={busy === format ? <Spinner size="tiny" /> : undefined}>
          {format === "md" ? "Export quarter (Markdown)" : "Export quarter (CSV)"}
        </Button>
      ))}
    </div>
  );
}
