/**
 * The controls of one design: one per mechanism (M1–M18, B1), in the order
 * of the article's story and labelled with the sentence it models, and an
 * advanced panel generated from the scenario's JSON Schema (from zod) with a
 * field for every parameter, its description and its default. Both show the
 * resolved scenario and report edits as (path, value); the page rebuilds the
 * design. Controls are made once and synchronised after each load, so an
 * edited field keeps the keyboard focus.
 */
import type { MechanismInfo } from "../protocol.js";
import { CONTROLS, type ControlSpec, STORY_ORDER } from "../story.js";
import { getPath, h } from "./dom.js";

export type Edit = (path: string[], value: unknown) => void;

interface Bound {
  sync(resolved: unknown): void;
}

function uid(prefix: string, path: readonly string[]): string {
  return `${prefix}-${path.join("-")}`.replace(/[^A-Za-z0-9_-]/g, "_");
}

function groupNames(resolved: unknown): string[] {
  const g = getPath(resolved, ["population", "groups"]);
  return Array.isArray(g) ? g.map((x) => String((x as { name: unknown }).name)) : [];
}

function mechanismControl(
  prefix: string,
  spec: ControlSpec,
  edit: Edit,
): { el: HTMLElement; bound: Bound } {
  const paths = spec.paths.map((p) => ["mechanisms", ...p]);
  const id = uid(prefix, paths[0]);
  const set = (v: unknown) => {
    for (const p of paths) edit(p, v);
  };
  if (spec.kind === "toggle") {
    const input = h("input", { type: "checkbox", id });
    input.addEventListener("change", () => set(input.checked));
    const el = h("div", { class: "control" }, input, h("label", { for: id }, spec.label));
    return { el, bound: { sync: (r) => (input.checked = getPath(r, paths[0]) === true) } };
  }
  if (spec.kind === "range") {
    const input = h("input", { type: "range", id, min: spec.min, max: spec.max, step: spec.step });
    const out = h("output", { for: id });
    input.addEventListener("input", () => (out.textContent = input.value));
    input.addEventListener("change", () => set(Number(input.value)));
    const el = h("div", { class: "control" }, h("label", { for: id }, spec.label), input, out);
    return {
      el,
      bound: {
        sync: (r) => {
          const v = getPath(r, paths[0]);
          // Camera coverage may be a list, one per region: the slider then shows its mean.
          const n = Array.isArray(v) ? v.reduce((a, x) => a + Number(x), 0) / v.length : Number(v);
          if (document.activeElement !== input) input.value = String(n);
          out.textContent = Array.isArray(v)
            ? `${n.toFixed(2)} (mean of ${v.length} regions)`
            : String(n);
        },
      },
    };
  }
  const select = h("select", { id });
  const el = h("div", { class: "control" }, h("label", { for: id }, spec.label), select);
  let shown = "";
  const fill = (options: (string | null)[]) => {
    const key = JSON.stringify(options);
    if (key === shown) return;
    shown = key;
    select.replaceChildren(
      ...options.map((o) => h("option", { value: o ?? "" }, o === null ? "none" : o)),
    );
  };
  select.addEventListener("change", () => {
    const v = select.value;
    set(spec.options === "groups" && v === "" ? null : v);
  });
  return {
    el,
    bound: {
      sync: (r) => {
        fill(spec.options === "groups" ? [null, ...groupNames(r)] : [...spec.options]);
        const v = getPath(r, paths[0]);
        select.value = v === null || v === undefined ? "" : String(v);
      },
    },
  };
}

/** The mechanism controls of a design, in the story's order. */
export function mechanismControls(
  prefix: string,
  mechanisms: readonly MechanismInfo[],
  edit: Edit,
): { el: HTMLElement; sync(resolved: unknown): void } {
  const bound: Bound[] = [];
  const items = STORY_ORDER.map((id) => {
    const m = mechanisms.find((x) => x.id === id);
    const c = mechanismControl(prefix, CONTROLS[id], edit);
    bound.push(c.bound);
    return h(
      "li",
      { class: "mechanism", "data-mechanism": id },
      h("h4", {}, `${id} — ${m?.title ?? ""}`),
      m?.article
        ? h(
            "div",
            { class: "article" },
            h("blockquote", { lang: "de" }, m.article.de),
            h("blockquote", { lang: "en" }, m.article.en),
          )
        : h("p", { class: "article" }, "Not in the article: the rights-respecting alternative."),
      c.el,
    );
  });
  return {
    el: h("ol", { class: "mechanisms" }, ...items),
    sync: (r) => {
      for (const b of bound) b.sync(r);
    },
  };
}

type Json = Record<string, unknown>;

function deref(s: Json, root: Json): Json {
  const ref = s.$ref;
  if (typeof ref !== "string") return s;
  const name = ref.replace(/^#\/(\$defs|definitions)\//, "");
  const defs = (root.$defs ?? root.definitions ?? {}) as Record<string, Json>;
  return deref(defs[name] ?? {}, root);
}

function types(s: Json): string[] {
  const t = s.type;
  return Array.isArray(t) ? t.map(String) : typeof t === "string" ? [t] : [];
}

function showDefault(v: unknown): string {
  return v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);
}

/**
 * The advanced panel: every field of the schema. Objects become fieldsets;
 * booleans checkboxes; numbers number fields with the schema's bounds;
 * enumerations selects; lists of names checkbox groups; anything else
 * (unions, lists of objects, distributions) a JSON field.
 */
export function schemaForm(
  prefix: string,
  schema: unknown,
  edit: Edit,
  skip: readonly string[] = [],
): { el: HTMLElement; sync(resolved: unknown): void } {
  const root = schema as Json;
  const bound: Bound[] = [];

  const field = (key: string, s0: Json, path: string[], depth: number): HTMLElement => {
    const s = deref(s0, root);
    const id = uid(prefix, path);
    const desc = String(s.description ?? s0.description ?? "");
    const def = s0.default ?? s.default;
    const info = h(
      "p",
      { class: "desc", id: `${id}-desc` },
      desc,
      def !== undefined && !/\(default /.test(desc) ? ` (default ${showDefault(def)})` : "",
    );
    const t = types(s);
    const props = s.properties as Record<string, Json> | undefined;
    if (props && t.includes("object")) {
      const children = Object.entries(props)
        .filter(([k]) => depth > 0 || !skip.includes(k))
        .map(([k, v]) => field(k, v, [...path, k], depth + 1));
      return h(
        "fieldset",
        { class: `depth-${Math.min(depth, 3)}` },
        h("legend", {}, key),
        desc ? info : null,
        ...children,
      );
    }
    const label = h("label", { for: id }, key);
    const described = { id, "aria-describedby": `${id}-desc` };
    if (t.length === 1 && t[0] === "boolean") {
      const input = h("input", { type: "checkbox", ...described });
      input.addEventListener("change", () => edit(path, input.checked));
      bound.push({ sync: (r) => (input.checked = getPath(r, path) === true) });
      return h("div", { class: "field" }, input, label, info);
    }
    if (t.length === 1 && (t[0] === "number" || t[0] === "integer")) {
      const input = h("input", {
        type: "number",
        ...described,
        min: s.minimum as number | undefined,
        max: typeof s.maximum === "number" && s.maximum < 1e15 ? s.maximum : undefined,
        step: t[0] === "integer" ? 1 : "any",
      });
      input.addEventListener("change", () => {
        if (input.value !== "") edit(path, Number(input.value));
      });
      bound.push({
        sync: (r) => {
          if (document.activeElement !== input) input.value = String(getPath(r, path) ?? "");
        },
      });
      return h("div", { class: "field" }, label, input, info);
    }
    if (Array.isArray(s.enum) && t.length <= 1) {
      const select = h(
        "select",
        described,
        ...s.enum.map((v) => h("option", { value: String(v) }, String(v))),
      );
      select.addEventListener("change", () => edit(path, select.value));
      bound.push({ sync: (r) => (select.value = String(getPath(r, path) ?? "")) });
      return h("div", { class: "field" }, label, select, info);
    }
    const items = s.items ? deref(s.items as Json, root) : null;
    if (t.includes("array") && items && Array.isArray(items.enum)) {
      const boxes = items.enum.map((v) => {
        const bid = `${id}-${String(v)}`;
        const box = h("input", { type: "checkbox", id: bid, value: String(v) });
        return {
          v: String(v),
          box,
          el: h("span", { class: "choice" }, box, h("label", { for: bid }, String(v))),
        };
      });
      for (const b of boxes) {
        b.box.addEventListener("change", () =>
          edit(
            path,
            boxes.filter((x) => x.box.checked).map((x) => x.v),
          ),
        );
      }
      bound.push({
        sync: (r) => {
          const v = getPath(r, path);
          const set = new Set(Array.isArray(v) ? v.map(String) : []);
          for (const b of boxes) b.box.checked = set.has(b.v);
        },
      });
      return h(
        "fieldset",
        { class: "field choices", "aria-describedby": `${id}-desc` },
        h("legend", {}, key),
        ...boxes.map((b) => b.el),
        info,
      );
    }
    if (t.length === 1 && t[0] === "string") {
      const input = h("input", { type: "text", ...described });
      input.addEventListener("change", () => edit(path, input.value));
      bound.push({
        sync: (r) => {
          if (document.activeElement !== input) input.value = String(getPath(r, path) ?? "");
        },
      });
      return h("div", { class: "field" }, label, input, info);
    }
    // Unions, nullable names, lists of numbers or objects: JSON, checked when the design is rebuilt.
    const input = h("input", { type: "text", class: "json", ...described, spellcheck: "false" });
    input.addEventListener("change", () => {
      try {
        edit(path, JSON.parse(input.value));
        input.removeAttribute("aria-invalid");
      } catch {
        input.setAttribute("aria-invalid", "true");
      }
    });
    bound.push({
      sync: (r) => {
        if (document.activeElement !== input)
          input.value = JSON.stringify(getPath(r, path) ?? null);
      },
    });
    return h("div", { class: "field" }, label, input, h("span", { class: "hint" }, "JSON"), info);
  };

  const el = field("scenario", root, [], 0);
  return {
    el,
    sync: (r) => {
      for (const b of bound) b.sync(r);
    },
  };
}
