import { type AdaptiveCard, adaptiveCard, heading, openUrl, paragraph, plain, runCommand, steps, subtle } from "./adaptive";
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
  personal: "I'm your companion for your managers' community: I help you keep and find what your peers have learned.",
  groupChat: "Hello everyone! I can help this group capture what works in leading people and find it again.",
  team: "Hello team! I'll look after your community's shared library of what works in leading people.",
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
    paragraph("Four ways to start:", { weight: "bolder", spacing: "medium" }),
    steps([
      "Open the **Circles** tab to browse your community's library.",
      "Spot a good story in any chat? Choose **…** > **More actions** > **Share as case** to bring it to your peers.",
      "Need a checklist or a past case mid-conversation? Pick **Practice Circles** in the message box and **Find in library**.",
      "Type **help** whenever you want to see what I can do.",
    ]),
    subtle("Cases shared anonymously never show who shared them."),
  ];
  const actions = [...(input.links?.tab ? [openUrl("Open the Circles tab", input.links.tab)] : []), runCommand("Show help", "help")];
  return adaptiveCard(body, actions, "Welcome to Practice Circles. Open the Circles tab, share a case from any message, find library items from the message box, or type help.");
}
