// A handler set for ppc440 that records which handler dispatch reached: every method returns
// its own name. It stands in for the runtime's handler sets: a new table entry is a type error
// here until `npm run gen -- --scaffold` adds its stub.
import type { Handlers } from "../../generated/ppc440/handlers.ts";

export class RecordingHandlers implements Handlers<string> {
  unimplemented(name: string, _w: number): string {
    return name;
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addi(w: number): string {
    return this.unimplemented("addi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addis(w: number): string {
    return this.unimplemented("addis", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  add(w: number): string {
    return this.unimplemented("add", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subf(w: number): string {
    return this.unimplemented("subf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  ori(w: number): string {
    return this.unimplemented("ori", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  or(w: number): string {
    return this.unimplemented("or", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwz(w: number): string {
    return this.unimplemented("lwz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lbzx(w: number): string {
    return this.unimplemented("lbzx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  b(w: number): string {
    return this.unimplemented("b", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bc(w: number): string {
    return this.unimplemented("bc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bclr(w: number): string {
    return this.unimplemented("bclr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  invalid(w: number): string {
    return this.unimplemented("invalid", w);
  }
}
