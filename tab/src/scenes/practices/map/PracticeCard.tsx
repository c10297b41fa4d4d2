import { type DragEvent } from "react";
import { Badge, Button, Link, Menu, MenuButton, MenuItem, MenuList, MenuPopover, MenuTrigger, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { PILOT_OUTCOME_LABELS, PRACTICE_STAGE_LABELS, type PracticeStage, type PracticeView } from "../../../../../bot/src/contracts";
import { formatCalendarDate } from "../../../lib/format";
import { type PracticesEnv } from "../env";
import { evidenceLine, isForward, neighbours, pilotingLabel } from "../model";
import { useStageLeft, useStageLeftThin } from "./stageStyles";

const useStyles = makeStyles({
  card: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    minWidth: 0,
  },
  draggable: { cursor: "grab" },
  dragging: { opacity: 0.5 },
  mine: { border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}` },
  name: { margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  nameLink: { textAlign: "start", fontWeight: tokens.fontWeightSemibold },
  // Two lines at most, so every card reads at a glance; the timeline has it in full.
  line: { color: tokens.colorNeutralForeground2, overflow: "hidden", display: "-webkit-box", WebkitLineClamp: 2, WebkitBoxOrient: "vertical", overflowWrap: "anywhere" },
  progress: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, paddingLeft: tokens.spacingHorizontalS },
  mineText: { color: tokens.colorNeutralForeground1 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, marginTop: tokens.spacingVerticalXXS },
});

export interface PracticeCardProps {
  env: PracticesEnv;
  practice: PracticeView;
  dragging: boolean;
  onOpen: () => void;
  onMove: (to: PracticeStage) => void;
  onStartPilot: () => void;
  onWithdraw: () => void;
  onDragStart: (event: DragEvent) => void;
  onDragEnd: () => void;
}

/**
 * A practice on the map: its name (opens the timeline), who pilots it, the latest evidence
 * in one line and how far it is towards the next stage. Facilitators and leads move it by
 * dragging the card or with its Move menu; managers start or withdraw their pilot here.
 */
export function PracticeCard({ env, practice, dragging, onOpen, onMove, onStartPilot, onWithdraw, onDragStart, onDragEnd }: PracticeCardProps) {
  const styles = useStyles();
  const left = useStageLeft();
  const leftThin = useStageLeftThin();
  const nameId = `practice-name-${practice.id}`;
  const evidence = evidenceLine(practice.latestEvidence);
  const mine = practice.myPilot;
  const canDrag = practice.can.move;

  return (
    <article
      className={mergeClasses(styles.card, mine?.status === "active" && styles.mine, left[practice.stage], canDrag && styles.draggable, dragging && styles.dragging)}
      aria-labelledby={nameId}
      data-practice-id={practice.id}
      data-stage={practice.stage}
      draggable={canDrag}
      onDragStart={canDrag ? onDragStart : undefined}
      onDragEnd={canDrag ? onDragEnd : undefined}
    >
      <h3 className={styles.name} id={nameId}>
        <Link as="button" className={styles.nameLink} onClick={onOpen} data-role="open">
          {practice.name}
        </Link>
      </h3>
      <Text size={200} weight="semibold">
        {pilotingLabel(practice.activePilots)}
      </Text>
      <Text size={200} className={styles.line} title={evidence} data-testid="evidence">
        {evidence}
      </Text>
      <div className={mergeClasses(styles.progress, leftThin[practice.next?.stage ?? "habit"])}>
        {practice.next ? (
          <>
            <Text size={200} data-testid="progress">
              <Text size={200} weight="semibold">
                Next, {PRACTICE_STAGE_LABELS[practice.next.stage]}:
              </Text>{" "}
              {practice.next.progress}
            </Text>
            {practice.next.met && (
              <span>
                <Badge appearance="tint" color="success" shape="rounded" size="small">
                  Ready for {PRACTICE_STAGE_LABELS[practice.next.stage]}
                </Badge>
              </span>
            )}
          </>
        ) : (
          <Text size={200} data-testid="progress">
            A habit: the last stage.
          </Text>
        )}
      </div>
      {mine && (
        <Text size={200} className={styles.mineText} data-testid="my-pilot">
          {mine.status === "active"
            ? `You're piloting this — check back on ${formatCalendarDate(mine.checkBackOn, env.locale)}`
            : mine.report
              ? `You piloted this: ${PILOT_OUTCOME_LABELS[mine.report.outcome]}`
              : "You piloted this"}
        </Text>
      )}
      {(practice.can.move || practice.can.pilot || mine?.status === "active") && (
        <div className={styles.actions}>
          {practice.can.move && (
            <Menu>
              <MenuTrigger disableButtonEnhancement>
                <MenuButton size="small" aria-label={`Move ${practice.name}`} data-role="move">
                  Move
                </MenuButton>
              </MenuTrigger>
              <MenuPopover>
                <MenuList>
                  {neighbours(practice.stage).map((stage) => (
                    <MenuItem key={stage} onClick={() => onMove(stage)}>
                      {isForward(practice.stage, stage) ? `Forward to ${PRACTICE_STAGE_LABELS[stage]}` : `Back to ${PRACTICE_STAGE_LABELS[stage]}`}
                    </MenuItem>
                  ))}
                </MenuList>
              </MenuPopover>
            </Menu>
          )}
          {practice.can.pilot && mine?.status !== "active" && (
            <Button size="small" onClick={onStartPilot} aria-label={`${mine ? "Pilot again" : "Start a pilot"}: ${practice.name}`} data-role="pilot">
              {mine ? "Pilot again" : "Start a pilot"}
            </Button>
          )}
          {mine?.status === "active" && (
            <Button size="small" onClick={onWithdraw} aria-label={`Withdraw my pilot: ${practice.name}`} data-role="withdraw">
              Withdraw
            </Button>
          )}
        </div>
      )}
    </article>
  );
}
