/**
 * Short notes after an action ("Saved as version 3", "… was deleted. Undo"). Loaded with
 * the first note, so the list's first paint does not carry the toast and portal code.
 */
import { useEffect, useRef } from "react";
import { Link, Toast, ToastTitle, Toaster, useId, useToastController } from "@fluentui/react-components";
import { isPlainClick } from "../lib/address";

export interface Note {
  id: string;
  title: string;
  intent: "success" | "error" | "info";
  /** With `href` the action is a real link (open in a new tab, copy address); a plain click still runs `run`. */
  action?: { label: string; run: () => void; href?: string };
}

/** Shows each note once; a note with an action stays longer and closes when its action runs. */
export default function ToastHost({ notes }: { notes: readonly Note[] }) {
  const toasterId = useId("toaster");
  const { dispatchToast, dismissToast } = useToastController(toasterId);
  const shown = useRef(new Set<string>());

  useEffect(() => {
    for (const note of notes) {
      if (shown.current.has(note.id)) continue;
      shown.current.add(note.id);
      const action = note.action;
      dispatchToast(
        <Toast>
          <ToastTitle
            action={
              action && (
                action.href ? (
                  <Link
                    href={action.href}
                    onClick={(event) => {
                      if (!isPlainClick(event)) return;
                      event.preventDefault();
                      dismissToast(note.id);
                      action.run();
                    }}
                  >
                    {action.label}
                  </Link>
                ) : (
                  <Link
                    as="button"
                    onClick={() => {
                      dismissToast(note.id);
                      action.run();
                    }}
                  >
                    {action.label}
                  </Link>
                )
              )
            }
          >
            {note.title}
          </ToastTitle>
        </Toast>,
        { intent: note.intent, toastId: note.id, timeout: action ? 12_000 : 5_000, pauseOnHover: true, pauseOnWindowBlur: true },
      );
    }
  }, [notes, dispatchToast, dismissToast]);

  return <Toaster toasterId={toasterId} position="bottom-end" pauseOnHover pauseOnWindowBlur />;
}
