/**
 * The Teams layer's public face: everything that imports botbuilder stays behind this
 * folder, so moving to the Microsoft 365 Agents SDK changes teams/ alone.
 */
export { APOLOGY_TEXT, createBotAdapter, type BotAdapter, type BotAdapterOptions, type BotIdentity, type ChannelTokenSource } from "./adapter";
export { createBotEndpoint, type BotEndpointDeps, type BotHttpRequest, type BotHttpResponse, type BotRequestHandler } from "./endpoint";
export { createProactiveSender, type ProactiveSender, type ProactiveSenderDeps, type SendOutcome } from "./proactiveSender";
export { HANDLED_COMMANDS } from "./commandIds";
export { cardLinksFor, TAB_ENTITY_ID } from "./cardLinks";
export * as cards from "./cards";
/** For the scheduler's delivery: a stored notice → the card to send (null when it does not read as a Notice). */
export { renderNotice } from "./cards/notices";
export { INVOKE_DEADLINE_MS } from "./bot";
export { EXTENSION_COMMANDS } from "./routes";
