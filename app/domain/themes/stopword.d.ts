// The stopword package (MIT) ships no types: the part the themes engine uses.
declare module "stopword" {
  export const eng: string[];
  export const pol: string[];
  export const urd: string[];
}
