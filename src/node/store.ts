/** The results store; see store/index.ts. (Kept so that `./store.js` imports keep working.) */
export * from "./store/index.js";
