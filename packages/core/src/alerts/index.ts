export * from "./events";
export * from "./reminders";
export * from "./saved-search";
export * from "./signing";
export * from "./webhook-url";
