/** The B2 measures and table live in core (src/core/compare/): re-exported for the report. */
export * from "../../core/compare/index.js";
