export * from "./aggregate";
export * from "./consensus";
export * from "./disclosure";
export * from "./framework";
export * from "./raking";
export * from "./ranking";
export * from "./ratings";
export * from "./stats";
