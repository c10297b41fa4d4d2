import { ARTIFACT_TYPE_LABELS, type ArtifactType, type Notice } from "../../contracts";
import { type AdaptiveCard, actionSet, adaptiveCard, type CardAction, type CardElement, clip, heading, labelled, openUrl, paragraph, plain, runCommand, subtle, verbatim } from "./adaptive";
import { type CardLinks } from "./links";
import { kicker } from "./sessionCards";

export type OnboardingWelcomeNotice = Extract<Notice, { kind: "onboarding.welcome" }>;

const typeLabel = (type: string) => ARTIFACT_TYPE_LABELS[type as ArtifactType] ?? type;
const section = (title: string): CardElement => paragraph(title, { weight: "bolder", size: "medium", spacing: "large" });
const bullet = (text: string): CardElement => verbatim(`• ${text}`, {}, "small");

/**
 * The personal welcome to someone who just joined the community's team: the charter in
 * brief (purpose and three norms), how sessions work, three things to read first, who to
 * ask, and the way to the tab. What people wrote (purpose, norms, titles) is shown
 * verbatim, never read as Markdown.
 */
export function onboardingCard(notice: OnboardingWelcomeNotice, links: CardLinks = {}): AdaptiveCard {
  const community = plain(notice.communityName) || "your community";
  const firstName = plain(notice.memberName).split(" ")[0] ?? "";
  const body: CardElement[] = [
    kicker("Welcome", notice.communityName),
    heading(firstName ? `Welcome, ${firstName}` : "Welcome"),
    paragraph(`You've joined **${community}**. Here is what helps most in your first weeks: what we're here for, how we meet, what to read first and who to ask.`),
  ];

  body.push(section("Our charter in brief"));
  if (notice.purpose.trim()) body.push(verbatim(notice.purpose.trim(), {}, "small"));
  if (notice.norms.length) body.push(paragraph("How we work together:", { spacing: "small" }), ...notice.norms.map((n) => bullet(n)));
  if (!notice.purpose.trim() && !notice.norms.length) body.push(subtle("The leads haven't written the charter yet; ask them what the community is for."));

  body.push(section("How sessions work"));
  if (notice.cadence.trim()) body.push(verbatim(notice.cadence.trim(), {}, "small"));
  for (const s of notice.series) body.push(labelled(s.title, s.when));
  if (!notice.cadence.trim() && !notice.series.length) body.push(subtle("No sessions are planned yet."));
  body.push(subtle("Before each session you can check in with a win, a challenge and an ask; afterwards, tell the facilitator what was useful."));

  body.push(section("Start with these"));
  if (notice.starters.length === 0) body.push(subtle("The library is still empty: your first case or checklist could be its first item."));
  for (const a of notice.starters) body.push(verbatim(`• ${a.title} (${typeLabel(a.type)})`, {}, "small"));
  const opens: CardAction[] = notice.starters.filter((a) => a.link).map((a) => openUrl(`Open “${clip(plain(a.title) || "item", 40)}”`, a.link!));
  if (opens.length) body.push(actionSet(opens, "small"));

  body.push(section("Who to ask"));
  if (notice.contacts.length === 0) body.push(subtle("Your community has no leads or facilitators yet."));
  for (const c of notice.contacts) body.push(bullet(`${c.displayName}, ${c.role}${c.department ? ` (${c.department})` : ""}`));

  const actions: CardAction[] = [...(links.tab ? [openUrl("Open the Charter tab", links.tab)] : []), runCommand("Show help", "help")];
  return adaptiveCard(body, actions, `Welcome to ${community}: the charter in brief, how sessions work, three things to read first and who to ask.`);
}
