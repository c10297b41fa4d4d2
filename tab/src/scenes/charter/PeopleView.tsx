import { useRef, useState } from "react";
import { Badge, Button, Field, Radio, RadioGroup, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type MemberView, ROLE_LABELS, ROLES, type Role } from "../../../../bot/src/contracts";
import { FormDialog } from "../../shell/FormDialog";
import { ErrorState, LoadingState } from "../../shell/states";
import { cardSurface } from "../sessions/surface";
import { useKept } from "../sessions/useKept";
import { type CharterEnv } from "./env";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground2 },
  table: { ...cardSurface, overflowX: "auto" },
  name: { overflowWrap: "anywhere" },
  role: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
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

/** Everyone with their role and department. Leads change a role in a dialog that asks first; everyone else reads. */
export default function PeopleView({ env }: { env: CharterEnv }) {
  const styles = useStyles();
  const people = useKept((signal) => env.api.members(env.communityId, signal), [env.api, env.communityId]);
  const [changing, setChanging] = useState<MemberView>();
  const root = useRef<HTMLDivElement>(null);

  if (people.status === "loading") return <LoadingState label="Loading people…" />;
  if (people.status === "error") return <ErrorState title="We couldn't load the people in this community" error={people.error} onRetry={people.reload} />;
  const { members, can } = people.data;
  const focusChange = (userId: string) => requestAnimationFrame(() => root.current?.querySelector<HTMLElement>(`[data-user-id="${CSS.escape(userId)}"] [data-action=change-role]`)?.focus());
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
                  <span className={styles.role}>
                    <Badge appearance={m.role === "member" ? "outline" : "tint"} color={m.role === "sponsor" ? "informative" : "brand"} shape="rounded" data-role={m.role}>
                      {ROLE_LABELS[m.role]}
                    </Badge>
                    {can.assignRoles && (
                      <Button size="small" onClick={() => setChanging(m)} aria-label={self(m) ? "Change role: yourself" : `Change role: ${m.displayName}`} data-action="change-role">
                        Change role
                      </Button>
                    )}
                  </span>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>

      {changing && (
        <RoleDialog
          env={env}
          member={changing}
          self={self(changing)}
          onCancel={() => {
            setChanging(undefined);
            focusChange(changing.userId);
          }}
          onChanged={(member) => {
            people.update((p) => ({ ...p, members: p.members.map((x) => (x.userId === member.userId ? member : x)) }));
            setChanging(undefined);
            focusChange(member.userId);
            env.toast(self(member) ? `You are now ${article(member.role)}.` : `${member.displayName} is now ${article(member.role)}.`);
            // Taking my own lead role away changes what I may do here.
            if (self(member) && member.role !== "lead") people.reload();
          }}
        />
      )}
    </div>
  );
}

/**
 * A person's role: the roles to choose from (browsing them with the arrow keys changes
 * nothing yet), what the chosen one means, and a confirmation that makes the change.
 */
function RoleDialog({ env, member, self, onCancel, onChanged }: { env: CharterEnv; member: MemberView; self: boolean; onCancel: () => void; onChanged: (member: MemberView) => void }) {
  const [role, setRole] = useState<Role>(member.role);
  const who = self ? "You" : member.displayName;
  const changed = role !== member.role;
  return (
    <FormDialog
      modalType="alert"
      enterSubmits={false}
      title={changed ? (self ? `Make yourself ${article(role)}?` : `Make ${member.displayName} ${article(role)}?`) : self ? "Change your role" : `Change the role of ${member.displayName}`}
      submitLabel="Change role"
      busyLabel="Changing…"
      submitDisabled={!changed}
      onCancel={onCancel}
      onSubmit={async () => {
        const { member: saved } = await env.api.assignRole(env.communityId, member.userId, role);
        onChanged(saved);
      }}
    >
      <Field label="Role">
        <RadioGroup value={role} onChange={(_, d) => setRole(d.value as Role)}>
          {ROLES.map((r) => (
            <Radio key={r} value={r} label={r === member.role ? `${ROLE_LABELS[r]} (now)` : ROLE_LABELS[r]} />
          ))}
        </RadioGroup>
      </Field>
      <Text aria-live="polite" data-testid="role-consequence">
        {changed
          ? `${who} will be ${article(role)} instead of ${article(member.role)}. ${capitalized(article(role))} ${ROLE_MEANS[role]}.`
          : `${who} ${self ? "are" : "is"} ${article(member.role)}: ${ROLE_MEANS[member.role]}. Choose another role to change it.`}
      </Text>
    </FormDialog>
  );
}
