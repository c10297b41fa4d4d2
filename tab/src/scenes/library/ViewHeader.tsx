import { type ReactNode, useEffect, useRef } from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  header: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: tokens.spacingVerticalXS },
  back: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})` },
  heading: { margin: 0, overflowWrap: "anywhere", ":focus": { outline: "none" }, ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` } },
});

/**
 * The top of a library page below the list: a way back and the page's heading. The heading
 * takes focus when the page was reached by navigating, so screen readers announce it.
 */
export function ViewHeader({ backLabel, onBack, title, headingId, autoFocus, children }: {
  backLabel: string;
  onBack: () => void;
  title: ReactNode;
  headingId: string;
  autoFocus: boolean;
  children?: ReactNode;
}) {
  const styles = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    window.scrollTo(0, 0);
    if (autoFocus) heading.current?.focus({ preventScroll: true });
    // Only on arrival.
  }, []);
  return (
    <div className={styles.header}>
      <Button appearance="subtle" className={styles.back} onClick={onBack}>
        <span aria-hidden="true">←&nbsp;</span>
        {backLabel}
      </Button>
      {children}
      <Text as="h2" id={headingId} ref={heading} tabIndex={-1} size={600} weight="semibold" className={styles.heading}>
        {title}
      </Text>
    </div>
  );
}
