import { type ReactNode, Suspense, lazy, useCallback, useState } from "react";
import { Tab, TabList, Text, makeStyles, tokens } from "@fluentui/react-components";
import { LoadingState } from "./states";
import type { Note } from "./ToastHost";

const ToastHost = lazy(() => import("./ToastHost"));

const useStyles = makeStyles({
  scene: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  top: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", justifyContent: "space-between", gap: tokens.spacingHorizontalL },
  intro: { flex: "1 1 320px", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0 },
  heading: { margin: 0 },
  lead: { color: tokens.colorNeutralForeground2 },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalM },
  tabs: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalM})` },
  panel: { ":focus": { outline: "none" } },
});

export type Toast = (title: string, options?: { intent?: Note["intent"]; action?: Note["action"]; id?: string }) => void;

/** A scene's toasts: the last ten kept, each with its own id. */
export function useToasts(): { notes: Note[]; toast: Toast } {
  const [notes, setNotes] = useState<Note[]>([]);
  const toast = useCallback<Toast>((title, options = {}) => {
    const note: Note = { id: `${options.id ?? "note"}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`, title, intent: options.intent ?? "success", action: options.action };
    setNotes((all) => [...all.slice(-9), note]);
  }, []);
  return { notes, toast };
}

/** The views a scene offers as tabs, in order, with their labels: one panel shows, loaded lazily. */
interface Views<V extends string> {
  views: readonly V[];
  labels: Record<V, string>;
  selected: V;
  onSelect: (view: V) => void;
}

type TabbedSceneProps<V extends string> = {
  /** The scene id: names the heading and the tabs (`<id>-heading`, `<id>-tab-<view>`). */
  id: string;
  title: string;
  lead: ReactNode;
  /** Controls beside the heading, e.g. the scene's settings or its period and exports. */
  actions?: ReactNode;
  /** True while the scene loads or refreshes what it shows. */
  busy?: boolean;
  notes: Note[];
  children: ReactNode;
} & (Views<V> | { views?: undefined });

/**
 * A scene with a heading, a lead line, optional actions beside them, its content (a tab
 * list of views with one panel shown and loaded lazily, or a single page) and its toasts.
 */
export function TabbedScene<V extends string>(props: TabbedSceneProps<V>) {
  const { id, title, lead, actions, busy, notes, children } = props;
  const styles = useStyles();
  return (
    <section className={styles.scene} aria-labelledby={`${id}-heading`} aria-busy={busy || undefined}>
      <div className={styles.top}>
        <div className={styles.intro}>
          <Text as="h2" id={`${id}-heading`} size={600} weight="semibold" className={styles.heading}>
            {title}
          </Text>
          <Text className={styles.lead}>{lead}</Text>
        </div>
        {actions && <div className={styles.actions}>{actions}</div>}
      </div>
      {props.views ? (
        <ViewTabs id={id} title={title} views={props.views} labels={props.labels} selected={props.selected} onSelect={props.onSelect}>
          {children}
        </ViewTabs>
      ) : (
        children
      )}
      {notes.length > 0 && (
        <Suspense fallback={null}>
          <ToastHost notes={notes} />
        </Suspense>
      )}
    </section>
  );
}

function ViewTabs<V extends string>({ id, title, views, labels, selected, onSelect, children }: Views<V> & { id: string; title: string; children: ReactNode }) {
  const styles = useStyles();
  const tabId = (view: V) => `${id}-tab-${view}`;
  return (
    <>
      <TabList className={styles.tabs} selectedValue={selected} onTabSelect={(_, data) => onSelect(data.value as V)} aria-label={`${title} views`}>
        {views.map((view) => (
          <Tab key={view} id={tabId(view)} value={view}>
            {labels[view]}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" aria-labelledby={tabId(selected)} className={styles.panel}>
        <Suspense fallback={<LoadingState label={`Opening ${labels[selected]}…`} />}>{children}</Suspense>
      </div>
    </>
  );
}
