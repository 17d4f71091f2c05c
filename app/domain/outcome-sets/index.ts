export * from "./content";
export * from "./rules";
export * from "./diff";
export * from "./export";
export * from "./reweight";
