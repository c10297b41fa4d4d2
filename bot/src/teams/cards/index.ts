export * from "./adaptive";
export { type CardLinks } from "./links";
export { helpCard, type HelpCardInput } from "./helpCard";
export { hintCard } from "./hintCard";
export { welcomeCard, type InstallScope, type WelcomeCardInput } from "./welcomeCard";
export { humanize, priorityLabel, priorityLine } from "./labels";
export { caseCard, CASE_CARD_LIMITS, type CaseCardOptions, confidentialityLine, sharedByLine } from "./caseCard";
export { excerptOf, EXCERPT_LENGTH, type LibraryItem, resultCard, type ResultCardOptions, resultPreview, type ResultPreview } from "./resultCard";
export {
  noticeCard,
  SHARE_CASE_DIALOG_TITLE,
  SHARE_CASE_FIELDS,
  SHARE_CASE_LIMITS,
  shareCaseDialog,
  type ShareCaseDialogInput,
  type ShareCaseDialogValues,
  type ShareCaseField,
} from "./shareCaseDialog";
export { VERBS, type Verb, type FollowUpDoneView } from "./verbs";
export { cardInstant, dueDateText, plainWhen, type TimeDisplay, timeDisplayFor, whenText } from "./sessionTime";
export { agendaCard, caseLine, countOf, kicker, nextSessionCard, noSessionCard, reminderCard, rsvpLine, type SessionCardInput, sessionRef } from "./sessionCards";
export {
  CHECK_IN_FIELDS,
  checkInCard,
  type CheckInCardOptions,
  checkInCountLine,
  checkInInviteCard,
  checkInSummaryCard,
  type CheckInSummaryInput,
  ENERGY_LABELS,
  SUMMARY_ENTRY_LIMIT,
} from "./checkInCards";
export { handoverCard, type HandoverCardInput } from "./handoverCard";
export { feedbackCard, feedbackThanksCard, USEFULNESS_LABELS } from "./feedbackCards";
export { type FollowUpItem, followUpDoneCard, followUpNudgeCard, itemOf, TASKS_LIMIT, tasksCard } from "./followUpCards";
export { swapAnsweredCard, swapAskedCard, swapDecidedCard, swapPickerCard, swapRequestCard } from "./swapCards";
export { skipConfirmCard, skippedCard } from "./skipCards";
export {
  BUDDY_CHECK_IN_FIELDS,
  buddyCheckInCard,
  type BuddyCheckInNotice,
  buddyIntroCard,
  type BuddyIntroNotice,
  buddyReflectionThanksCard,
  type BuddyReflectionThanksInput,
  buddyRef,
  namesLine,
  NO_PRACTICE,
  REFLECTION_TEXT_LIMIT,
} from "./buddyCards";
export {
  PROMPT_FIELDS,
  promptAnsweredCard,
  type PromptAnsweredInput,
  promptCard,
  type PromptField,
  type PromptFormOptions,
  type PromptFormRef,
  type PromptPostedNotice,
  promptRef,
  type PromptValues,
} from "./promptCards";
export {
  PILOT_REPORT_FIELDS,
  pilotCheckBackCard,
  type PilotCheckBackNotice,
  type PilotFormOptions,
  type PilotFormRef,
  pilotRef,
  pilotReportedCard,
  type PilotReportedInput,
  type PilotReportValues,
  practiceHabitCard,
  type PracticeHabitNotice,
} from "./pilotCards";
export { onboardingCard, type OnboardingWelcomeNotice } from "./onboardingCard";
export { digestCard, type InsightsDigestNotice } from "./digestCard";
export { renderNotice } from "./notices";
