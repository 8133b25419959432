export * from "./splitter";
