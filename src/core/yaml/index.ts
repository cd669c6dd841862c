/**
 * YAML/JSON files validated by zod schemas, with errors a person can act on
 * (file:line:col, field path, allowed fields, did-you-mean). Used by
 * scenarios and experiments.
 */
export { closest, editDistance } from "./closest.js";
export { describe, firstLine, formatIssue, formatIssues, type Where } from "./format-issue.js";
export { nodeAt } from "./node-at.js";
export { parseYamlWith, readYaml, validateWith, type YamlLimits, type YamlText } from "./parse.js";
export { allowedKeys, pickUnionOption, unwrap } from "./schema-walk.js";
