import { Suspense, lazy, useState } from "react";
import { Button, Field, Select, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type InsightsView } from "../../../../bot/src/contracts";
import { type ApiClient } from "../../api/client";
import { useTabbedSceneStyles } from "../../shell/sceneStyles";
import { EmptyState, ErrorState, LoadingState, messageOf } from "../../shell/states";
import { type SceneProps } from "../index";
import { saveDownload } from "../sessions/download";
import { type Toast } from "../sessions/env";
import { useKept } from "../sessions/useKept";
import { ActiveMembersChart, ArtifactsChart, AttendanceChart, CheckInRateChart, CrossDepartmentChart, PilotReportsChart, PracticesChart } from "./charts";
import { MONTH_CHOICES, type MonthChoice, isEmpty, monthLabel, quarterLabel, recentQuarters } from "./model";
import { useChartPalette } from "./palette";
import { useInsightsMonths } from "./route";
import { StoriesPanel } from "./StoriesPanel";
import { useToasts } from "../../shell/TabbedScene";

const ToastHost = lazy(() => import("../../shell/ToastHost"));

const useStyles = makeStyles({
  toolbar: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", justifyContent: "space-between", gap: tokens.spacingHorizontalL },
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
  const sceneStyles = useTabbedSceneStyles();
  const styles = useStyles();
  const [months, setMonths] = useInsightsMonths();
  const palette = useChartPalette(host);
  const insights = useKept((signal) => api.insights(community.id, { months }, signal), [api, community.id, months]);

  const { notes, toast } = useToasts();

  let body;
  if (insights.status === "loading") body = <LoadingState label="Loading the community's insights…" />;
  else if (insights.status === "error") body = <ErrorState title="We couldn't load the insights" error={insights.error} onRetry={insights.reload} />;
  else if (isEmpty(insights.data))
    body = (
      <EmptyState title="Nothing to show yet">
        Once people check in to sessions, add to the library, answer prompts and try practices, this page shows how the community is doing. Numbers about fewer than 5 people are never shown.
      </EmptyState>
    );
  else {
    const props = { view: insights.data, locale: host.locale, palette };
    body = (
      <div className={styles.grid} data-testid="insights" data-theme={palette.theme}>
        <ActiveMembersChart {...props} />
        <CheckInRateChart {...props} />
        <AttendanceChart {...props} />
        <ArtifactsChart {...props} />
        <PracticesChart {...props} />
        <CrossDepartmentChart {...props} />
        <PilotReportsChart {...props} />
        <StoriesPanel stories={insights.data.stories} locale={host.locale} communityId={community.id} />
      </div>
    );
  }

  const view = insights.status === "ready" ? insights.data : undefined;
  return (
    <section className={sceneStyles.scene} aria-labelledby="insights-heading" aria-busy={insights.status === "loading" || insights.refreshing}>
      <div className={sceneStyles.intro}>
        <Text as="h2" id="insights-heading" size={600} weight="semibold" className={sceneStyles.heading}>
          Insights
        </Text>
        <Text className={sceneStyles.lead}>How the community is doing: who takes part, what it learns and which practices stick. A number about fewer than 5 people is never shown.</Text>
      </div>
      <div className={styles.toolbar}>
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
      </div>
      {body}
      {notes.length > 0 && (
        <Suspense fallback={null}>
          <ToastHost notes={notes} />
        </Suspense>
      )}
    </section>
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
