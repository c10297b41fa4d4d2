export * from "./common";
export * from "./community";
export * from "./artifact";
export * from "./rhythm";
export * from "./api";
export * from "./sessionsApi";
export * from "./notices";
export * from "./jobs";
