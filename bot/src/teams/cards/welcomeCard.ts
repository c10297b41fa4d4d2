import { type AdaptiveCard, adaptiveCard, heading, openUrl, paragraph, plain, sendText, steps, subtle } from "./adaptive";
import { type CardLinks } from "./links";

export type InstallScope = "personal" | "groupChat" | "team";

export interface WelcomeCardInput {
  scope: InstallScope;
  /** The community this team now hosts (team installs only). */
  communityName?: string;
  /** True on the team's first install (the community was just set up), false when it was linked before. */
  firstInstall?: boolean;
  /** Display name of the installer, who became the new community's first lead. */
  leadName?: string;
  links?: CardLinks;
}

const GREETING: Record<InstallScope, string> = {
  personal: "I'm your companion for your managers' community: I keep the rhythm so you can focus on the conversations.",
  groupChat: "Hello everyone! I can keep this group's practice rhythm going and help you capture what works.",
  team: "Hello team! I'll keep your community's rhythm: session reminders, check-ins, buddy nudges and a shared library of what works.",
};

function teamLine(input: WelcomeCardInput): string | undefined {
  if (input.scope !== "team" || !input.communityName) return undefined;
  const name = plain(input.communityName) || "your community";
  if (!input.firstInstall) return `This team is linked to **${name}**.`;
  const lead = input.leadName && plain(input.leadName) ? ` ${plain(input.leadName)} is its first lead.` : "";
  return `This team is now the home of **${name}**.${lead}`;
}

/**
 * The first thing people see after adding the bot: who it is and three small next steps,
 * short enough for a manager to read between meetings.
 */
export function welcomeCard(input: WelcomeCardInput): AdaptiveCard {
  const community = teamLine(input);
  const body = [
    heading("Welcome to Practice Circles"),
    paragraph(GREETING[input.scope]),
    ...(community ? [paragraph(community)] : []),
    paragraph("Three ways to start:", { weight: "bolder", spacing: "medium" }),
    steps([
      "Open the **Circles** tab to browse the library, sessions and the progress map.",
      "Type **help** whenever you want to see what I can do.",
      "Spot a good story in any chat? Choose **…** > **More actions** > **Share as case** to bring it to your peers.",
    ]),
    subtle("Cases shared anonymously never show who shared them."),
  ];
  const actions = [...(input.links?.tab ? [openUrl("Open the Circles tab", input.links.tab)] : []), sendText("Show help", "help")];
  return adaptiveCard(body, actions, "Welcome to Practice Circles. Open the Circles tab, type help, or share a case from any message.");
}
