import { type ReactNode, useEffect, useRef } from "react";
import { Link } from "@fluentui/react-components";
import { isPlainClick } from "../../lib/address";
import { libraryItemHref, openLibraryItem } from "./route";

/**
 * A link from any scene to a library item. A plain click opens it here without reloading
 * the tab; Ctrl/Cmd-, Shift- or middle-click are left to the browser (a new tab or window).
 */
export function LibraryItemLink({
  itemId,
  children,
  className,
  "aria-label": ariaLabel,
  focusOnMount = false,
}: {
  itemId: string;
  children: ReactNode;
  className?: string;
  "aria-label"?: string;
  /** Takes keyboard focus when it appears, e.g. in place of the button that just added the item. */
  focusOnMount?: boolean;
}) {
  const ref = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
    // Only when it appears: a later change of the prop must not pull focus back.
  }, []);
  return (
    <Link
      ref={ref}
      className={className}
      aria-label={ariaLabel}
      href={libraryItemHref(itemId)}
      onClick={(event) => {
        if (!isPlainClick(event)) return;
        event.preventDefault();
        openLibraryItem(itemId);
      }}
    >
      {children}
    </Link>
  );
}
