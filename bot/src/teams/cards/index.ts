export * from "./adaptive";
export { type CardLinks } from "./links";
export { helpCard, type HelpCardInput } from "./helpCard";
export { hintCard } from "./hintCard";
export { welcomeCard, type InstallScope, type WelcomeCardInput } from "./welcomeCard";
