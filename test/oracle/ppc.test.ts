// Issue 14: the ppc vCPU against QEMU 7.2, instruction by instruction (see suite.ts).
import { oracleSuite } from "./suite.ts";

oracleSuite("ppc");
