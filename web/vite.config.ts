/**
 * Builds the explorer into ONE self-contained file, dist/web/index.html: the
 * page's script and styles inline, the simulation worker's bundle inline as a
 * string that the page starts from a blob URL (so the same file runs from a
 * server and from file://, with no SharedArrayBuffer). Its
 * Content-Security-Policy, in a meta tag, allows exactly the inline script
 * (by its SHA-256), blob workers and WebAssembly compilation (the Philox
 * RNG); the server sends the same policy as a header.
 */
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { build, defineConfig, type Plugin } from "vite";

const WEB = fileURLToPath(new URL(".", import.meta.url));
const WORKER_ENTRY = `${WEB}src/worker/sim-worker.ts`;
const VIRTUAL = "virtual:sim-worker";

/** `import code from "virtual:sim-worker"`: the worker, bundled as one IIFE, as a string. */
function workerSource(): Plugin {
  return {
    name: "scsim-worker-source",
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : null),
    async load(id) {
      if (id !== `\0${VIRTUAL}`) return null;
      const out = await build({
        configFile: false,
        logLevel: "error",
        root: WEB,
        build: {
          write: false,
          target: "es2022",
          minify: true,
          lib: { entry: WORKER_ENTRY, formats: ["iife"], name: "scsimWorker", fileName: "worker" },
          rollupOptions: {
            onwarn(w, warn) {
              if (w.code !== "INVALID_ANNOTATION") warn(w);
            },
          },
        },
      });
      const outputs = (Array.isArray(out) ? out : [out]) as {
        output: { type: string; code?: string }[];
      }[];
      const chunk = outputs[0].output.find((o) => o.type === "chunk");
      if (!chunk?.code) throw new Error("the worker bundle is empty");
      return `export default ${JSON.stringify(chunk.code)};`;
    },
  };
}

/** The policy of the page, for the inline script of the given text. */
export function contentSecurityPolicy(script: string): string {
  const hash = createHash("sha256").update(script, "utf8").digest("base64");
  return [
    "default-src 'none'",
    `script-src 'sha256-${hash}' 'wasm-unsafe-eval'`,
    "worker-src blob:",
    "style-src 'unsafe-inline'",
    "img-src data: blob:",
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** Inlines the page's script and styles into index.html and adds the policy. */
function singleFile(): Plugin {
  return {
    name: "scsim-single-file",
    enforce: "post",
    generateBundle(_opts, bundle) {
      const html = Object.values(bundle).find((f) => f.fileName === "index.html");
      if (html?.type !== "asset") throw new Error("no index.html in the bundle");
      let text = String(html.source);
      let script = "";
      for (const [name, f] of Object.entries(bundle)) {
        if (f.type === "chunk") {
          // A "</script" inside the code would end the element: "<\/script" is the same string to JS.
          script = f.code.replaceAll("</script", "<\\/script");
          text = text.replace(
            new RegExp(`<script[^>]*src="[^"]*${f.fileName}"[^>]*></script>`),
            () => "",
          );
          delete bundle[name];
        } else if (f.fileName.endsWith(".css")) {
          const css = String(f.source);
          text = text.replace(
            new RegExp(`<link[^>]*href="[^"]*${f.fileName}"[^>]*>`),
            () => `<style>${css}</style>`,
          );
          delete bundle[name];
        }
      }
      const csp = contentSecurityPolicy(script);
      text = text
        .replace(
          "<head>",
          () => `<head>\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`,
        )
        .replace("</body>", () => `<script type="module">${script}</script>\n  </body>`);
      html.source = text;
    },
  };
}

export default defineConfig({
  root: WEB,
  base: "./",
  logLevel: "warn",
  plugins: [workerSource(), singleFile()],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    modulePreload: false,
    cssCodeSplit: false,
    assetsInlineLimit: 100_000_000,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: { inlineDynamicImports: true },
      // zod's sources carry comments rollup cannot place; nothing is wrong with the bundle.
      onwarn(w, warn) {
        if (w.code !== "INVALID_ANNOTATION") warn(w);
      },
    },
  },
});
