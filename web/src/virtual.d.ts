/** The worker's bundled source (web/vite.config.ts builds it), started from a blob URL. */
declare module "virtual:sim-worker" {
  const code: string;
  export default code;
}
