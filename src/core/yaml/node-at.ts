import { isMap, type Node as YamlNode } from "yaml";

/** The YAML node at a path (or, with `key`, the key node of that entry), for its position. */
export function nodeAt(
  root: unknown,
  path: readonly PropertyKey[],
  key?: string,
): YamlNode | undefined {
  let node = root as YamlNode | undefined;
  let parent: YamlNode | undefined;
  for (const p of path) {
    if (node === undefined || node === null) break;
    parent = node;
    const collection = node as unknown as {
      get?: (k: unknown, keep: boolean) => unknown;
      items?: unknown[];
    };
    if (typeof collection.get !== "function") break;
    const next = collection.get(typeof p === "number" ? p : String(p), true) as
      | YamlNode
      | undefined;
    if (next === undefined) return parent;
    node = next;
  }
  if (key !== undefined && node && isMap(node)) {
    const pair = node.items.find((it) => (it.key as { value?: unknown })?.value === key);
    if (pair?.key) return pair.key as YamlNode;
  }
  return node ?? parent;
}
