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

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  bcctr(w: number): string {
    return this.unimplemented("bcctr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sc(w: number): string {
    return this.unimplemented("sc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mcrf(w: number): string {
    return this.unimplemented("mcrf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crand(w: number): string {
    return this.unimplemented("crand", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crandc(w: number): string {
    return this.unimplemented("crandc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  creqv(w: number): string {
    return this.unimplemented("creqv", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crnand(w: number): string {
    return this.unimplemented("crnand", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crnor(w: number): string {
    return this.unimplemented("crnor", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cror(w: number): string {
    return this.unimplemented("cror", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crorc(w: number): string {
    return this.unimplemented("crorc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  crxor(w: number): string {
    return this.unimplemented("crxor", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfcr(w: number): string {
    return this.unimplemented("mfcr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfocrf(w: number): string {
    return this.unimplemented("mfocrf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtcrf(w: number): string {
    return this.unimplemented("mtcrf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtocrf(w: number): string {
    return this.unimplemented("mtocrf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mcrxr(w: number): string {
    return this.unimplemented("mcrxr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addic(w: number): string {
    return this.unimplemented("addic", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addic_dot(w: number): string {
    return this.unimplemented("addic_dot", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subfic(w: number): string {
    return this.unimplemented("subfic", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mulli(w: number): string {
    return this.unimplemented("mulli", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addc(w: number): string {
    return this.unimplemented("addc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  adde(w: number): string {
    return this.unimplemented("adde", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addme(w: number): string {
    return this.unimplemented("addme", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  addze(w: number): string {
    return this.unimplemented("addze", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subfc(w: number): string {
    return this.unimplemented("subfc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subfe(w: number): string {
    return this.unimplemented("subfe", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subfme(w: number): string {
    return this.unimplemented("subfme", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  subfze(w: number): string {
    return this.unimplemented("subfze", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  neg(w: number): string {
    return this.unimplemented("neg", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mullw(w: number): string {
    return this.unimplemented("mullw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mulhw(w: number): string {
    return this.unimplemented("mulhw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mulhwu(w: number): string {
    return this.unimplemented("mulhwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  divw(w: number): string {
    return this.unimplemented("divw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  divwu(w: number): string {
    return this.unimplemented("divwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cmpi(w: number): string {
    return this.unimplemented("cmpi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cmpli(w: number): string {
    return this.unimplemented("cmpli", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cmp(w: number): string {
    return this.unimplemented("cmp", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cmpl(w: number): string {
    return this.unimplemented("cmpl", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  twi(w: number): string {
    return this.unimplemented("twi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  tw(w: number): string {
    return this.unimplemented("tw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  andi(w: number): string {
    return this.unimplemented("andi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  andis(w: number): string {
    return this.unimplemented("andis", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  oris(w: number): string {
    return this.unimplemented("oris", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  xori(w: number): string {
    return this.unimplemented("xori", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  xoris(w: number): string {
    return this.unimplemented("xoris", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  and(w: number): string {
    return this.unimplemented("and", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  andc(w: number): string {
    return this.unimplemented("andc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  orc(w: number): string {
    return this.unimplemented("orc", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  xor(w: number): string {
    return this.unimplemented("xor", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nand(w: number): string {
    return this.unimplemented("nand", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  nor(w: number): string {
    return this.unimplemented("nor", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  eqv(w: number): string {
    return this.unimplemented("eqv", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  extsb(w: number): string {
    return this.unimplemented("extsb", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  extsh(w: number): string {
    return this.unimplemented("extsh", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  cntlzw(w: number): string {
    return this.unimplemented("cntlzw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rlwimi(w: number): string {
    return this.unimplemented("rlwimi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rlwinm(w: number): string {
    return this.unimplemented("rlwinm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  rlwnm(w: number): string {
    return this.unimplemented("rlwnm", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  slw(w: number): string {
    return this.unimplemented("slw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  srw(w: number): string {
    return this.unimplemented("srw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sraw(w: number): string {
    return this.unimplemented("sraw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  srawi(w: number): string {
    return this.unimplemented("srawi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lbz(w: number): string {
    return this.unimplemented("lbz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lbzu(w: number): string {
    return this.unimplemented("lbzu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhz(w: number): string {
    return this.unimplemented("lhz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhzu(w: number): string {
    return this.unimplemented("lhzu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lha(w: number): string {
    return this.unimplemented("lha", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhau(w: number): string {
    return this.unimplemented("lhau", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwzu(w: number): string {
    return this.unimplemented("lwzu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stb(w: number): string {
    return this.unimplemented("stb", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stbu(w: number): string {
    return this.unimplemented("stbu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sth(w: number): string {
    return this.unimplemented("sth", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sthu(w: number): string {
    return this.unimplemented("sthu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stw(w: number): string {
    return this.unimplemented("stw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stwu(w: number): string {
    return this.unimplemented("stwu", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lmw(w: number): string {
    return this.unimplemented("lmw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stmw(w: number): string {
    return this.unimplemented("stmw", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lbzux(w: number): string {
    return this.unimplemented("lbzux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhzx(w: number): string {
    return this.unimplemented("lhzx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhzux(w: number): string {
    return this.unimplemented("lhzux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhax(w: number): string {
    return this.unimplemented("lhax", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhaux(w: number): string {
    return this.unimplemented("lhaux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwzx(w: number): string {
    return this.unimplemented("lwzx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwzux(w: number): string {
    return this.unimplemented("lwzux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stbx(w: number): string {
    return this.unimplemented("stbx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stbux(w: number): string {
    return this.unimplemented("stbux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sthx(w: number): string {
    return this.unimplemented("sthx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sthux(w: number): string {
    return this.unimplemented("sthux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stwx(w: number): string {
    return this.unimplemented("stwx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stwux(w: number): string {
    return this.unimplemented("stwux", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lhbrx(w: number): string {
    return this.unimplemented("lhbrx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwbrx(w: number): string {
    return this.unimplemented("lwbrx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sthbrx(w: number): string {
    return this.unimplemented("sthbrx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stwbrx(w: number): string {
    return this.unimplemented("stwbrx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lswi(w: number): string {
    return this.unimplemented("lswi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lswx(w: number): string {
    return this.unimplemented("lswx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stswi(w: number): string {
    return this.unimplemented("stswi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stswx(w: number): string {
    return this.unimplemented("stswx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwarx(w: number): string {
    return this.unimplemented("lwarx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  stwcx(w: number): string {
    return this.unimplemented("stwcx", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mfspr(w: number): string {
    return this.unimplemented("mfspr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mtspr(w: number): string {
    return this.unimplemented("mtspr", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcbf(w: number): string {
    return this.unimplemented("dcbf", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcbst(w: number): string {
    return this.unimplemented("dcbst", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcbt(w: number): string {
    return this.unimplemented("dcbt", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcbtst(w: number): string {
    return this.unimplemented("dcbtst", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  dcbz(w: number): string {
    return this.unimplemented("dcbz", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  icbi(w: number): string {
    return this.unimplemented("icbi", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  isync(w: number): string {
    return this.unimplemented("isync", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  sync(w: number): string {
    return this.unimplemented("sync", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  lwsync(w: number): string {
    return this.unimplemented("lwsync", w);
  }

  /** Scaffolded by `isagen gen --scaffold`: not implemented yet. */
  mbar(w: number): string {
    return this.unimplemented("mbar", w);
  }
}
