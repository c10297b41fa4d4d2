import { type ReactNode, Suspense, lazy, useCallback, useState } from "react";
import { Tab, TabList, Text } from "@fluentui/react-components";
import { useTabbedSceneStyles } from "./sceneStyles";
import { LoadingState } from "./states";
import type { Note } from "./ToastHost";

const ToastHost = lazy(() => import("./ToastHost"));

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

interface TabbedSceneProps<V extends string> {
  /** The scene id: names the heading and the tabs (`<id>-heading`, `<id>-tab-<view>`). */
  id: string;
  title: string;
  lead: string;
  /** The views offered, in order, with their labels. */
  views: readonly V[];
  labels: Record<V, string>;
  selected: V;
  onSelect: (view: V) => void;
  notes: Note[];
  children: ReactNode;
}

/** A scene with a heading, a lead line, a tab list of views (one panel shown, loaded lazily) and its toasts. */
export function TabbedScene<V extends string>({ id, title, lead, views, labels, selected, onSelect, notes, children }: TabbedSceneProps<V>) {
  const styles = useTabbedSceneStyles();
  const tabId = (view: V) => `${id}-tab-${view}`;
  return (
    <section className={styles.scene} aria-labelledby={`${id}-heading`}>
      <div className={styles.intro}>
        <Text as="h2" id={`${id}-heading`} size={600} weight="semibold" className={styles.heading}>
          {title}
        </Text>
        <Text className={styles.lead}>{lead}</Text>
      </div>
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
      {notes.length > 0 && (
        <Suspense fallback={null}>
          <ToastHost notes={notes} />
        </Suspense>
      )}
    </section>
  );
}
