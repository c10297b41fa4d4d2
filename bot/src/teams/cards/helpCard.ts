import { type AdaptiveCard, adaptiveCard, heading, openUrl, paragraph, subtle } from "./adaptive";
import { type CardLinks } from "./links";

export interface HelpCardInput {
  /** Text commands the bot understands, e.g. ["help"]: passed in so the card cannot drift from the route table. */
  commands: readonly string[];
  links?: CardLinks;
}

const COMMAND_HINTS: Record<string, string> = {
  help: "Shows this card.",
};

/** What the bot does, in one glance: the rhythm it keeps, how to share, and the commands it answers. */
export function helpCard(input: HelpCardInput): AdaptiveCard {
  const body = [
    heading("What I can do"),
    paragraph("I keep your community of practice moving between sessions, so good ideas become habits."),
    {
      type: "FactSet" as const,
      facts: [
        { title: "Rhythm", value: "Reminders before each session, with the agenda and who facilitates." },
        { title: "Check-ins", value: "A quick card to say how your week went and what you are trying." },
        { title: "Buddies", value: "Introductions to your coaching buddy and gentle follow-up nudges." },
        { title: "Cases", value: "**Share as case** on any message turns a real situation into a case for peers." },
        { title: "Library", value: "Find checklists, playbooks and case summaries and drop them into any chat." },
      ],
    },
    paragraph("Things you can type:", { weight: "bolder", spacing: "medium" }),
    {
      type: "FactSet" as const,
      facts: input.commands.map((command) => ({ title: command, value: COMMAND_HINTS[command] ?? "" })),
    },
    subtle("In a channel, mention me first, e.g. @Practice Circles help."),
  ];
  const actions = input.links?.tab ? [openUrl("Open the Circles tab", input.links.tab)] : [];
  return adaptiveCard(body, actions, "Practice Circles keeps your community's rhythm: reminders, check-ins, buddies, cases and a shared library. Type help to see this again.");
}
