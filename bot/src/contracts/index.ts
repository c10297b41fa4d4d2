export * from "./common";
export * from "./community";
export * from "./artifact";
export * from "./rhythm";
export * from "./api";
