import { useRef, useState } from "react";
import { Badge, Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type RotaResponse } from "../../../../../bot/src/contracts";
import { formatCalendarDate } from "../../../lib/format";
import { EmptyState, ErrorState, LoadingState } from "../../../shell/states";
import { type SessionsEnv } from "../env";
import { ROLE_LABELS } from "../labels";
import { sectionHeading } from "../surface";
import { formatDay, formatWhen } from "../time";
import { type Kept } from "../useKept";
import { SwapDialog } from "./SwapDialog";
import { SwapList } from "./SwapList";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXL },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: sectionHeading,
  muted: { color: tokens.colorNeutralForeground2 },
  scroll: { overflowX: "auto" },
  table: { backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  badges: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
});

type Upcoming = RotaResponse["upcoming"][number];

/** Who facilitates when, how the load is shared, and the swap requests between members. */
export default function RotaView({ env, rota, onChanged }: { env: SessionsEnv; rota: Kept<RotaResponse>; onChanged: () => void }) {
  const styles = useStyles();
  const [asking, setAsking] = useState<Upcoming>();
  const opener = useRef<HTMLButtonElement | null>(null);

  if (rota.status === "loading") return <LoadingState label="Loading the rota…" />;
  if (rota.status === "error") return <ErrorState title="We couldn't load the rota" error={rota.error} onRetry={rota.reload} />;
  const { upcoming, members, swaps } = rota.data;
  const at = (iso: string | null) => (iso ? formatDay(iso, env.locale, env.timeZone) : "—");

  return (
    <div className={styles.view}>
      <section className={styles.section} aria-labelledby="rota-next">
        <h3 id="rota-next" className={styles.heading}>
          Who facilitates next
        </h3>
        {upcoming.length === 0 ? (
          <EmptyState title="Nothing planned">The rota fills in as sessions are planned ahead.</EmptyState>
        ) : (
          <div className={styles.scroll}>
            <Table className={styles.table} aria-labelledby="rota-next" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>When</TableHeaderCell>
                  <TableHeaderCell>Session</TableHeaderCell>
                  <TableHeaderCell>Facilitator</TableHeaderCell>
                  <TableHeaderCell>
                    <span className={styles.muted}>Actions</span>
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {upcoming.map((s) => {
                  const mine = s.facilitator?.userId === env.me;
                  return (
                    <TableRow key={s.sessionId}>
                      <TableCell>{formatWhen(s.startsAt, env.locale, env.timeZone)}</TableCell>
                      <TableCell>
                        {s.title} {s.status === "skipped" && <Badge appearance="filled" color="warning" shape="rounded">Skipped</Badge>}
                      </TableCell>
                      <TableCell>{s.facilitator ? (mine ? `You (${s.facilitator.displayName})` : s.facilitator.displayName) : "Not chosen yet"}</TableCell>
                      <TableCell>
                        {mine && s.status === "scheduled" && (
                          <Button
                            size="small"
                            onClick={(e) => {
                              opener.current = e.currentTarget;
                              setAsking(s);
                            }}
                            aria-label={`Ask someone to swap ${s.title}, ${formatWhen(s.startsAt, env.locale, env.timeZone)}`}
                          >
                            Ask someone to swap
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        )}
      </section>

      <section className={styles.section} aria-labelledby="rota-swaps">
        <h3 id="rota-swaps" className={styles.heading}>
          Swap requests
        </h3>
        <SwapList env={env} swaps={swaps} onChanged={onChanged} />
      </section>

      <section className={styles.section} aria-labelledby="rota-members">
        <h3 id="rota-members" className={styles.heading}>
          Members
        </h3>
        <Text className={styles.muted}>The rotation picks willing members fairly and skips anyone away. Change your own part in My preferences.</Text>
        <div className={styles.scroll}>
          <Table className={styles.table} aria-labelledby="rota-members" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Role</TableHeaderCell>
                <TableHeaderCell>Facilitated</TableHeaderCell>
                <TableHeaderCell>Last time</TableHeaderCell>
                <TableHeaderCell>Next time</TableHeaderCell>
                <TableHeaderCell>In the rotation</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {members.map((m) => (
                <TableRow key={m.userId}>
                  <TableCell>{m.userId === env.me ? `${m.displayName} (you)` : m.displayName}</TableCell>
                  <TableCell>{ROLE_LABELS[m.role]}</TableCell>
                  <TableCell>{m.facilitated}</TableCell>
                  <TableCell>{at(m.lastFacilitatedAt)}</TableCell>
                  <TableCell>{at(m.nextAt)}</TableCell>
                  <TableCell>
                    <div className={styles.badges}>
                      <span>{m.willing ? "Willing" : "Opted out"}</span>
                      {m.awayUntil && (
                        <Badge appearance="tint" color="informative" shape="rounded">
                          Away until {formatCalendarDate(m.awayUntil, env.locale)}
                        </Badge>
                      )}
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>

      {asking && (
        <SwapDialog
          env={env}
          session={asking}
          members={members}
          onClose={() => {
            setAsking(undefined);
            opener.current?.focus();
          }}
          onAsked={(to) => {
            setAsking(undefined);
            env.toast(`We asked ${to.displayName} to take over. You'll hear when they answer.`);
            onChanged();
          }}
        />
      )}
    </div>
  );
}
