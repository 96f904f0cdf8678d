/// <reference types="vite/client" />
declare module "virtual:isagen-model/*" {
  const text: string;
  export default text;
}
declare module "virtual:isagen-worker/*" {
  /** The guest worker's script (vite.config.ts bundles it with esbuild). */
  const url: string;
  export default url;
}
