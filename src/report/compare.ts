/** The B2 comparison; see compare/index.ts. (Kept so that `./compare.js` imports keep working.) */
export * from "./compare/index.js";
