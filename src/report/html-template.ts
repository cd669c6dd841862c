/**
 * HTML (and SVG) built escape-by-default: in html`<p>${text}</p>` every
 * interpolated value is escaped, unless it is markup made by html`` itself
 * (or by raw(), the one explicit way to say "this text is trusted markup").
 * A scenario named `<script>` or `"onload=` therefore ends up as text, inert,
 * wherever it is interpolated: element content or a quoted attribute. (Write
 * attributes quoted: html`<td title="${x}">`; an unquoted one is not safe.)
 *
 * Pure: no DOM, no Node; runs in a browser too.
 */

/** Markup that is already safe: produced by html``, raw(), or joined from such. */
export class Html {
  /** @internal use html`` or raw() */
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/** Escapes text for HTML/XML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** What may be interpolated: text and numbers are escaped; null, undefined and false give nothing. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function piece(v: HtmlValue): string {
  if (v instanceof Html) return v.markup;
  if (v === null || v === undefined || v === false) return "";
  if (Array.isArray(v)) return v.map(piece).join("");
  return escapeHtml(String(v));
}

/** The tagged template: escapes every interpolation that is not Html; arrays are concatenated. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1];
  return new Html(out);
}

/**
 * Marks a string as trusted markup, unescaped. Only for text the program
 * itself wrote (a stylesheet constant); never for anything a user gave.
 */
export function raw(trustedMarkup: string): Html {
  return new Html(trustedMarkup);
}

/** Joins fragments with a separator (text separators are escaped too). */
export function joinHtml(items: readonly HtmlValue[], separator: HtmlValue = ""): Html {
  return new Html(items.map(piece).join(piece(separator)));
}
