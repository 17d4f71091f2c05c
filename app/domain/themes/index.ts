export * from "./agreement";
export * from "./independence";
export * from "./prng";
export * from "./text";
export * from "./assign";
export * from "./cluster";
export * from "./evaluate";
export * from "./report";
