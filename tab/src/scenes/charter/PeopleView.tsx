import { useRef, useState } from "react";
import { Badge, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type MemberView, ROLE_LABELS, ROLES, type Role } from "../../../../bot/src/contracts";
import { ConfirmDialog } from "../../shell/ConfirmDialog";
import { ErrorState, LoadingState } from "../../shell/states";
import { cardSurface } from "../sessions/surface";
import { useKept } from "../sessions/useKept";
import { type CharterEnv } from "./env";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground2 },
  table: { ...cardSurface, overflowX: "auto" },
  name: { overflowWrap: "anywhere" },
  select: { minWidth: "160px" },
});

/** What each role may do, in the words the confirmation uses. */
const ROLE_MEANS: Record<Role, string> = {
  lead: "edits the charter, assigns roles and can do everything a facilitator does",
  facilitator: "runs sessions and looks after the practices, prompts and buddy rounds",
  member: "takes part: check-ins, pilots, reflections and the library",
  sponsor: "follows along: reads everything and acknowledges the charter, but changes nothing",
};

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const article = (role: Role) => (role === "member" ? "a member" : role === "facilitator" ? "a facilitator" : role === "lead" ? "a lead" : "a sponsor");

/** Everyone with their role and department. Leads change a role, after a confirmation; everyone else reads. */
export default function PeopleView({ env }: { env: CharterEnv }) {
  const styles = useStyles();
  const people = useKept((signal) => env.api.members(env.communityId, signal), [env.api, env.communityId]);
  const [pending, setPending] = useState<{ member: MemberView; role: Role }>();
  const root = useRef<HTMLDivElement>(null);

  if (people.status === "loading") return <LoadingState label="Loading people…" />;
  if (people.status === "error") return <ErrorState title="We couldn't load the people in this community" error={people.error} onRetry={people.reload} />;
  const { members, can } = people.data;
  const focusRole = (userId: string) => requestAnimationFrame(() => root.current?.querySelector<HTMLElement>(`[data-user-id="${CSS.escape(userId)}"] select`)?.focus());
  const self = (m: MemberView) => m.userId === env.me;

  return (
    <div className={styles.view} ref={root}>
      <Text className={styles.muted}>
        {can.assignRoles
          ? "As a lead you give people their role. Facilitators run sessions and the practices; sponsors follow along without changing anything."
          : "Who holds which role. Leads assign roles; ask one of them if something should change."}
      </Text>
      <div className={styles.table}>
        <Table aria-label="People and roles" data-testid="people">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Department</TableHeaderCell>
              <TableHeaderCell>Role</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.map((m) => (
              <TableRow key={m.userId} data-user-id={m.userId}>
                <TableCell className={styles.name}>
                  <Text weight="semibold">{m.displayName}</Text>
                  {self(m) && " (you)"}
                  {m.title && <Text className={styles.muted}> · {m.title}</Text>}
                </TableCell>
                <TableCell>{m.department}</TableCell>
                <TableCell>
                  {can.assignRoles ? (
                    <Select className={styles.select} aria-label={`Role of ${m.displayName}`} value={m.role} onChange={(_, d) => setPending({ member: m, role: d.value as Role })}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </Select>
                  ) : (
                    <Badge appearance={m.role === "member" ? "outline" : "tint"} color={m.role === "sponsor" ? "informative" : "brand"} shape="rounded" data-role={m.role}>
                      {ROLE_LABELS[m.role]}
                    </Badge>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>

      <ConfirmDialog
        open={pending !== undefined}
        title={pending ? (self(pending.member) ? `Make yourself ${article(pending.role)}?` : `Make ${pending.member.displayName} ${article(pending.role)}?`) : ""}
        confirmLabel="Change role"
        busyLabel="Changing…"
        onCancel={() => {
          if (pending) focusRole(pending.member.userId);
          setPending(undefined);
        }}
        onConfirm={async () => {
          if (!pending) return;
          const { member } = await env.api.assignRole(env.communityId, pending.member.userId, pending.role);
          people.update((p) => ({ ...p, members: p.members.map((x) => (x.userId === member.userId ? member : x)) }));
          setPending(undefined);
          focusRole(member.userId);
          env.toast(self(member) ? `You are now ${article(member.role)}.` : `${member.displayName} is now ${article(member.role)}.`);
          // Taking my own lead role away changes what I may do here.
          if (self(member) && member.role !== "lead") people.reload();
        }}
      >
        {pending
          ? `${self(pending.member) ? "You" : pending.member.displayName} will be ${article(pending.role)} instead of ${article(pending.member.role)}. ${capitalized(article(pending.role))} ${ROLE_MEANS[pending.role]}.`
          : ""}
      </ConfirmDialog>
    </div>
  );
}
