import { type AdaptiveCard, adaptiveCard, heading, openUrl, paragraph, subtle } from "./adaptive";
import { type CardLinks } from "./links";

export interface HelpCardInput {
  /** Text commands the bot understands, e.g. ["help"]: passed in so the card cannot drift from the route table. */
  commands: readonly string[];
  links?: CardLinks;
}

const COMMAND_HINTS: Record<string, string> = {
  next: "When the next session is, who facilitates it, and whether you're going.",
  agenda: "The plan for the next session.",
  checkin: "Check in before the next session: a win, a challenge, an ask for help.",
  tasks: "Your open follow-ups, each with Mark done.",
  skip: "Facilitators and leads: skip the next session.",
  swap: "Down to facilitate? Ask someone to take your turn.",
  help: "Shows this card.",
};

/** What the bot does, in one glance: the rhythm it keeps, how to share, and the commands it answers. */
export function helpCard(input: HelpCardInput): AdaptiveCard {
  const body = [
    heading("What I can do"),
    paragraph("I connect this chat or team to your community of practice, so what managers learn together is kept and easy to find."),
    {
      type: "FactSet" as const,
      // Only what works today: each capability adds its line when it ships.
      facts: [
        { title: "Community", value: "Adding me to a team sets up its community, with you as its first lead." },
        { title: "Sessions", value: "I remind everyone before each session, collect check-ins, hand over to the next facilitator and nudge follow-ups." },
        { title: "Library", value: "The Circles tab holds your community's checklists, playbooks, decision logs and case summaries." },
        { title: "Share as case", value: "On any chat message, choose **…** > **More actions** > **Share as case** to bring it to your peers, with your name or anonymously." },
        { title: "Find in library", value: "In the message box, open **Practice Circles** from the apps menu and search the library to drop an item into the chat." },
        { title: "Links", value: "Paste a link to a library item and it opens up as a card (only for people allowed to see it)." },
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
  return adaptiveCard(body, actions, "Practice Circles connects your team to its community of practice, its sessions and its shared library. Type next, agenda, checkin or tasks for your sessions; type help to see this again.");
}
