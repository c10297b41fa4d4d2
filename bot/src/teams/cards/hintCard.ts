import { type AdaptiveCard, adaptiveCard, paragraph, runCommand } from "./adaptive";

/** The answer to text the bot does not understand: no scolding, one way forward. */
export function hintCard(): AdaptiveCard {
  return adaptiveCard(
    [paragraph("I didn't catch that. I answer a few short commands; **help** lists them.")],
    [runCommand("Show help", "help")],
    "I didn't catch that. Type help to see what I can do.",
  );
}
