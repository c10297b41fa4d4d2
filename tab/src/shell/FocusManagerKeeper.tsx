import { useFocusFinders } from "@fluentui/react-components";

/** Holds on to Fluent's focus manager (tabster) for as long as it is mounted; see useKeepFocusManager in App.tsx. */
export default function FocusManagerKeeper() {
  useFocusFinders();
  return null;
}
