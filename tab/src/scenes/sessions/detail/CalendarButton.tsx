import { useState } from "react";
import { Button, Spinner } from "@fluentui/react-components";
import { type SessionView } from "../../../../../bot/src/contracts";
import { messageOf } from "../../../shell/states";
import { calendarFileName, saveDownload } from "../download";
import { type SessionsEnv } from "../env";

/** Downloads the session as an .ics file, fetched with the person's identity. */
export function CalendarButton({ env, session }: { env: SessionsEnv; session: SessionView }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const file = await env.api.sessionCalendar(env.communityId, session.id);
      saveDownload({ blob: file.blob, filename: file.filename === "session.ics" ? calendarFileName(session.title, session.startsAt) : file.filename });
    } catch (error) {
      env.toast(`We couldn't make the calendar file. ${messageOf(error)}`, { intent: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={download} disabledFocusable={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
      Add to calendar (.ics)
    </Button>
  );
}
