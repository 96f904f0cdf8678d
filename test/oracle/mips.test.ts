// Issue 14: the mips vCPU against QEMU 7.2, instruction by instruction (see suite.ts).
import { oracleSuite } from "./suite.ts";

oracleSuite("mips");
