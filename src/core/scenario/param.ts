/**
 * Scenario parameters, declared once: a parameter's default is written in
 * one place, and its description ("… (default 0.3; modelling choice).") is
 * made from it, so the two cannot disagree. Each parameter also records
 * where its default comes from (a cited figure, or "modelling choice") in
 * PARAM_DOCS, from which docs/MODEL.md's parameter tables are generated.
 */
import { z } from "zod";

export interface ParamDoc {
  /** What the parameter is, one sentence without the default. */
  readonly doc: string;
  /** The default as shown to readers (e.g. "2/365" for 0.005479…). */
  readonly shown: string;
  /** Where the default comes from: a source, or "modelling choice". */
  readonly source?: string;
}

/** Every declared parameter's documentation, by schema. */
export const PARAM_DOCS = z.registry<ParamDoc>();

export interface ParamOptions {
  readonly source?: string;
  /** How to show the default, when its plain form would mislead (2/365, not 0.00548). */
  readonly shown?: string;
}

export interface NumberOptions extends ParamOptions {
  readonly min?: number;
  readonly max?: number;
  /** Strictly above 0. */
  readonly positive?: boolean;
  readonly int?: boolean;
}

/** A default as text: numbers to at most 4 significant digits, arrays and strings as JSON. */
export function showDefault(v: unknown): string {
  if (typeof v === "number")
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  if (typeof v === "string") return `'${v}'`;
  if (Array.isArray(v)) return v.length === 0 ? "none" : v.map((x) => showDefault(x)).join(", ");
  return JSON.stringify(v);
}

function finish<T extends z.ZodType>(schema: T, def: unknown, doc: string, o: ParamOptions) {
  const shown = o.shown ?? showDefault(def);
  const described = schema.describe(`${doc} (default ${shown}${o.source ? `; ${o.source}` : ""}).`);
  PARAM_DOCS.add(described, { doc, shown, source: o.source });
  return described;
}

/** A number parameter with its default. */
export function num(def: number, doc: string, o: NumberOptions = {}) {
  let s = z.number();
  if (o.int) s = s.int();
  if (o.min !== undefined) s = s.min(o.min);
  if (o.positive) s = s.positive();
  if (o.max !== undefined) s = s.max(o.max);
  return finish(s.default(def), def, doc, o);
}

/** A probability or share in [0, 1]. */
export function prob(def: number, doc: string, o: ParamOptions = {}) {
  return num(def, doc, { ...o, min: 0, max: 1 });
}

/** A whole-number parameter. */
export function int(def: number, doc: string, o: NumberOptions = {}) {
  return num(def, doc, { ...o, int: true });
}

/** A switch. */
export function bool(def: boolean, doc: string, o: ParamOptions = {}) {
  return finish(z.boolean().default(def), def, doc, o);
}

/** One of a few names. */
export function oneOf<const V extends readonly [string, ...string[]]>(
  values: V,
  def: V[number],
  doc: string,
  o: ParamOptions = {},
) {
  return finish(z.enum(values).default(def as never), def, doc, o);
}

/** A list of items of a schema. */
export function list<T extends z.ZodType>(
  item: T,
  def: z.infer<T>[],
  doc: string,
  o: ParamOptions = {},
) {
  return finish(z.array(item).default(def as never), def, doc, o);
}

/** Any other schema with a default (its default shown as given). */
export function withDefault<T extends z.ZodType>(
  schema: T,
  def: z.input<T>,
  doc: string,
  o: ParamOptions = {},
) {
  return finish(schema.default(def as never), def, doc, o);
}
