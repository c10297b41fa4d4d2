import { useEffect, useState } from "react";
import { MessageBar, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type HostContext } from "../teams/host";
import { messageOf } from "./states";

const useStyles = makeStyles({
  page: {
    maxWidth: "560px",
    margin: "0 auto",
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXL}`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  heading: { margin: 0 },
  text: { color: tokens.colorNeutralForeground2 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, color: tokens.colorNeutralForeground2 },
});

/** What a channel tab shows: the tab itself, in Teams, with the same SSO setup as this page. */
export function channelTabSettings(location: Location) {
  const origin = location.origin;
  const clientId = new URLSearchParams(location.search).get("clientId");
  const content = new URL(`${origin}/`);
  content.searchParams.set("inTeams", "1");
  if (clientId) content.searchParams.set("clientId", clientId);
  return { entityId: "circles-library", contentUrl: content.toString(), websiteUrl: `${origin}/`, suggestedDisplayName: "Practice Circles" };
}

/**
 * The setup page Teams shows when someone adds Practice Circles to a channel or chat.
 * There is nothing to choose: Save is ready at once and adds the library as a tab.
 */
export function ConfigurePage({ host }: { host: HostContext }) {
  const styles = useStyles();
  const [state, setState] = useState<{ status: "waiting" | "ready" | "local" } | { status: "error"; error: unknown }>({ status: "waiting" });

  useEffect(() => {
    if (!host.enableTabSave) {
      setState({ status: "local" });
      return;
    }
    host.enableTabSave(channelTabSettings(window.location)).then(
      () => setState({ status: "ready" }),
      (error: unknown) => setState({ status: "error", error }),
    );
  }, [host]);

  return (
    <main className={styles.page}>
      <Text as="h1" size={600} weight="semibold" className={styles.heading}>
        Add your community's library here
      </Text>
      <Text className={styles.text}>Everyone in this channel or chat will have one click to:</Text>
      <ul className={styles.list}>
        <li>find cases, checklists and playbooks from fellow managers</li>
        <li>open an item someone linked in the conversation</li>
        <li>add what worked for you after a session</li>
      </ul>
      {state.status === "ready" && <Text data-testid="configure-ready">Select Save to add the tab.</Text>}
      {state.status === "local" && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>This page sets up a Teams tab. Open it from Teams when you add Practice Circles to a channel or chat.</MessageBarBody>
        </MessageBar>
      )}
      {state.status === "error" && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>We couldn't get the tab ready. Close this window and try adding it again. {messageOf(state.error)}</MessageBarBody>
        </MessageBar>
      )}
    </main>
  );
}
