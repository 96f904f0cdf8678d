// Who implements an instruction, derived from table data. The runtime is split the way KVM's
// trap-and-emulate splits it: the vCPU executes what a deprivileged guest may run, the FPU executes
// the floating-point instructions, and the hypervisor emulates what traps in user mode.
// Each role is one generated interface; a class implements the roles it owns and nothing else, so
// a new table entry is a type error only in the class whose role it falls in.
//
//   - emulate: privileged instructions, and instructions naming a register of a file that has
//     privileged registers (mfspr/mtspr: the SPR decides whether they trap). The latter are also
//     the vCPU's, which runs them for the registers user mode may touch.
//   - fpu: instructions flagged `fp`.
//   - vcpu: every other instruction the core implements.
// Instructions marked `illegal-on-core` (and undefined words) belong to no role: the generated
// dispatch hands them to the caller's fallback.
import type { Entry, Isa } from "./model.ts";

export type Role = "vcpu" | "fpu" | "emulate";

export interface RoleDef {
  readonly role: Role;
  /** The generated interface, e.g. `VcpuHandlers`. */
  readonly iface: string;
  /** The generated dispatch function, e.g. `execVcpu`. */
  readonly exec: string;
  /** Bit in the generated ROLES table. */
  readonly bit: number;
  readonly doc: string;
}

export const ROLE_DEFS: readonly RoleDef[] = [
  {
    role: "vcpu",
    iface: "VcpuHandlers",
    exec: "execVcpu",
    bit: 1,
    doc: "the instructions the vCPU executes: every instruction the core implements that is neither privileged nor floating point",
  },
  { role: "fpu", iface: "FpuHandlers", exec: "execFpu", bit: 2, doc: "the floating-point instructions (flag `fp`)" },
  {
    role: "emulate",
    iface: "EmulateHandlers",
    exec: "execEmulate",
    bit: 4,
    doc: "the instructions the hypervisor emulates when they trap in user mode: the privileged ones, and those naming a register file with privileged registers (the register decides)",
  },
];

/** Does any register of the file trap in user mode (by its own flag or the file's rule)? */
function fileHasPrivileged(isa: Isa, file: string): boolean {
  const rf = isa.regfiles.get(file);
  if (!rf) return false;
  return rf.privilegedIf !== undefined || [...rf.regs.values()].some((r) => r.privileged === true);
}

/** The roles an entry belongs to (empty: none; dispatch falls back for it). */
export function entryRoles(isa: Isa, e: Entry): Role[] {
  if (e.illegalOnCore || e.invalid) return [];
  if (e.privileged) return ["emulate"];
  const own: Role = e.flags.includes("fp") ? "fpu" : "vcpu";
  return e.register && fileHasPrivileged(isa, e.register.file) ? [own, "emulate"] : [own];
}
