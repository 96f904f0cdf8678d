// Formatting shared by both runtimes' messages and traces.

/** `0x` and at least `digits` hex digits; a negative int32 prints as its unsigned 32-bit value. */
export function hex(n: number, digits = 8): string {
  return "0x" + (n < 0 ? n >>> 0 : n).toString(16).padStart(digits, "0");
}
