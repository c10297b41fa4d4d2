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
