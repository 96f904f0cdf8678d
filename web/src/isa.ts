// One ISA for the page: its generated modules and the generator's table model (built at build
// time, vite.config.ts), with the decoder's plan that `isagen explain` walks.
import { loadIsa, type GeneratedIsa } from "../../generated/index.ts";
import type { Isa } from "../../generator/model.ts";
import { planDecoder, type DecodeNode } from "../../generator/plan.ts";
import { decodeModel } from "./model-codec.ts";

export interface Loaded {
  g: GeneratedIsa;
  model: Isa;
  tree: DecodeNode;
}

const MODELS: Record<string, () => Promise<{ default: string }>> = {
  ppc440: () => import("virtual:isagen-model/ppc440"),
  mips32r2: () => import("virtual:isagen-model/mips32r2"),
};

const cache = new Map<string, Promise<{ model: Isa; tree: DecodeNode }>>();

export function loadGenerated(name: "ppc440" | "mips32r2"): Promise<GeneratedIsa> {
  return loadIsa(name);
}

export function loadModel(name: string): Promise<{ model: Isa; tree: DecodeNode }> {
  let p = cache.get(name);
  if (!p) {
    p = MODELS[name]().then(({ default: text }) => {
      const model = decodeModel<Isa>(text);
      // The same plan `isagen explain` makes (cli/main.ts): valid and reserved encodings.
      const tree = planDecoder([...model.variants, ...model.invalidEntries.flatMap((e) => e.variants)]);
      return { model, tree };
    });
    cache.set(name, p);
  }
  return p;
}

/** The generated metadata of instruction id (undefined for id 0, invalid). */
export function INFO_OF(g: GeneratedIsa, id: number) {
  return id === 0 ? undefined : g.INFO[id];
}
