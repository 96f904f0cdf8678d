// Flattened device tree (the Devicetree Specification v0.4, chapter 5 "Flattened Devicetree (DTB)
// Format"): parse a blob into a tree of nodes and properties, change properties, serialize it
// again. The board code uses it the way QEMU's bamboo_load_device_tree uses libfdt: read the
// board's dtb, set memory size, bootargs, initrd bounds and clock frequencies, write it to RAM.
//
// Layout (all big-endian): a 40-byte header, the memory reservation block (pairs of u64, ended by
// a zero pair), the structure block (tokens BEGIN_NODE name\0 pad, PROP len nameoff value pad,
// END_NODE, NOP, END; 4-byte aligned) and the strings block (NUL-terminated property names).

import type { Result } from "./elf.ts";

export const FDT_MAGIC = 0xd00dfeed;
const FDT_BEGIN_NODE = 1;
const FDT_END_NODE = 2;
const FDT_PROP = 3;
const FDT_NOP = 4;
const FDT_END = 9;
const HEADER_SIZE = 40;
/** What we write: version 17, compatible back to 16 (the only versions the spec defines now). */
const VERSION = 17;
const LAST_COMP_VERSION = 16;

export interface FdtProperty {
  name: string;
  value: Uint8Array;
}

export class FdtNode {
  readonly props: FdtProperty[] = [];
  readonly children: FdtNode[] = [];
  constructor(readonly name: string) {}

  prop(name: string): Uint8Array | undefined {
    return this.props.find((p) => p.name === name)?.value;
  }

  child(name: string): FdtNode | undefined {
    return this.children.find((c) => c.name === name);
  }

  /** Replaces the property's value, or appends the property. */
  setProp(name: string, value: Uint8Array): void {
    const p = this.props.find((q) => q.name === name);
    if (p) p.value = value;
    else this.props.push({ name, value });
  }

  setU32(name: string, ...cells: number[]): void {
    this.setProp(name, u32Cells(cells));
  }

  setString(name: string, s: string): void {
    this.setProp(name, new TextEncoder().encode(`${s}\0`));
  }

  /** A child by name, created when missing. */
  ensureChild(name: string): FdtNode {
    let c = this.child(name);
    if (!c) this.children.push((c = new FdtNode(name)));
    return c;
  }
}

export interface Fdt {
  /** boot_cpuid_phys from the header. */
  bootCpuid: number;
  reserved: { address: bigint; size: bigint }[];
  root: FdtNode;
}

export function u32Cells(cells: readonly number[]): Uint8Array {
  const out = new Uint8Array(cells.length * 4);
  const dv = new DataView(out.buffer);
  cells.forEach((c, i) => dv.setUint32(i * 4, c >>> 0));
  return out;
}

/** The cells of a property value as unsigned 32-bit numbers. */
export function readU32Cells(value: Uint8Array): number[] {
  const dv = new DataView(value.buffer, value.byteOffset, value.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 4 <= value.length; i += 4) out.push(dv.getUint32(i));
  return out;
}

/** A string property's value without its terminating NUL. */
export function readString(value: Uint8Array): string {
  const end = value.indexOf(0);
  return new TextDecoder().decode(end < 0 ? value : value.subarray(0, end));
}

/** Finds a node by absolute path ("/", "/cpus/cpu@0"). */
export function findNode(fdt: Fdt, path: string): FdtNode | undefined {
  let node: FdtNode | undefined = fdt.root;
  for (const part of path.split("/").filter((s) => s !== "")) {
    node = node?.child(part);
    if (!node) return undefined;
  }
  return node;
}

/** Parses a DTB blob; every malformation is one error naming the offset. */
export function parseFdt(input: Uint8Array): Result<Fdt> {
  // A plain view: a Node Buffer's slice() would hand out Buffers, not Uint8Arrays.
  const blob = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (blob.length < HEADER_SIZE) return err(`${blob.length} bytes is shorter than the FDT header`);
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const h = (i: number) => dv.getUint32(i * 4);
  if (h(0) !== FDT_MAGIC) return err(`bad magic 0x${h(0).toString(16)} (expected 0xd00dfeed)`);
  const [total, offStruct, offStrings, offRsv, version, , bootCpuid, sizeStrings, sizeStruct] = [
    h(1), h(2), h(3), h(4), h(5), h(6), h(7), h(8), h(9),
  ];
  if (version < 16) return err(`version ${version}: only 16 and later are supported`);
  if (total > blob.length) return err(`totalsize ${total} exceeds the ${blob.length}-byte blob`);
  if (offStruct + sizeStruct > total || offStrings + sizeStrings > total || offRsv >= total)
    return err("a block lies outside totalsize");

  const reserved: Fdt["reserved"] = [];
  for (let o = offRsv; ; o += 16) {
    if (o + 16 > total) return err(`memory reservation block at ${offRsv} has no terminator`);
    const address = dv.getBigUint64(o);
    const size = dv.getBigUint64(o + 8);
    if (address === 0n && size === 0n) break;
    reserved.push({ address, size });
  }

  const cstr = (from: number, limit: number): string | undefined => {
    const end = blob.indexOf(0, from);
    if (end < 0 || end >= limit) return undefined;
    return new TextDecoder().decode(blob.subarray(from, end));
  };
  const align4 = (n: number) => (n + 3) & ~3;
  const stack: FdtNode[] = [];
  let root: FdtNode | undefined;
  const structEnd = offStruct + sizeStruct;
  for (let o = offStruct; ; ) {
    if (o + 4 > structEnd) return err(`structure block ends without FDT_END at ${o}`);
    const token = dv.getUint32(o);
    o += 4;
    switch (token) {
      case FDT_BEGIN_NODE: {
        const name = cstr(o, structEnd);
        if (name === undefined) return err(`node name at ${o} is not terminated`);
        o = align4(o + name.length + 1);
        const node = new FdtNode(name);
        if (stack.length === 0) {
          if (root) return err(`second root node at ${o}`);
          root = node;
        } else stack[stack.length - 1].children.push(node);
        stack.push(node);
        break;
      }
      case FDT_END_NODE:
        if (!stack.pop()) return err(`FDT_END_NODE without a node at ${o - 4}`);
        break;
      case FDT_PROP: {
        if (stack.length === 0) return err(`property outside any node at ${o - 4}`);
        const len = dv.getUint32(o);
        const nameoff = dv.getUint32(o + 4);
        if (o + 8 + len > structEnd) return err(`property at ${o - 4} runs past the structure block`);
        const name = cstr(offStrings + nameoff, offStrings + sizeStrings);
        if (name === undefined) return err(`property at ${o - 4}: bad name offset ${nameoff}`);
        stack[stack.length - 1].props.push({ name, value: blob.slice(o + 8, o + 8 + len) });
        o = align4(o + 8 + len);
        break;
      }
      case FDT_NOP:
        break;
      case FDT_END:
        if (!root || stack.length !== 0) return err(`FDT_END at ${o - 4} with unclosed nodes`);
        return { ok: true, value: { bootCpuid, reserved, root } };
      default:
        return err(`unknown token ${token} at ${o - 4}`);
    }
  }
}

/** Serializes a tree as a version-17 blob; property names are shared in the strings block.
 *  `totalSize` pads the blob with free space at the end (as libfdt's fdt_open_into leaves it);
 *  it is raised to the size needed when smaller. */
export function serializeFdt(fdt: Fdt, totalSize = 0): Uint8Array {
  const strings: number[] = [];
  const stringOffsets = new Map<string, number>();
  const enc = new TextEncoder();
  const nameOff = (name: string): number => {
    let off = stringOffsets.get(name);
    if (off === undefined) {
      off = strings.length;
      stringOffsets.set(name, off);
      strings.push(...enc.encode(name), 0);
    }
    return off;
  };
  const struct: number[] = []; // the structure block's bytes, padded as we go
  const pushU32 = (v: number) => struct.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  const pushBytes = (b: ArrayLike<number>) => {
    for (let i = 0; i < b.length; i++) struct.push(b[i]);
    while (struct.length % 4) struct.push(0);
  };
  const emit = (node: FdtNode) => {
    pushU32(FDT_BEGIN_NODE);
    pushBytes([...enc.encode(node.name), 0]);
    for (const p of node.props) {
      pushU32(FDT_PROP);
      pushU32(p.value.length);
      pushU32(nameOff(p.name));
      pushBytes(p.value);
    }
    node.children.forEach(emit);
    pushU32(FDT_END_NODE);
  };
  emit(fdt.root);
  pushU32(FDT_END);

  const offRsv = HEADER_SIZE; // already 8-byte aligned, as the spec requires
  const rsvSize = (fdt.reserved.length + 1) * 16;
  const offStruct = offRsv + rsvSize;
  const offStrings = offStruct + struct.length;
  const total = Math.max(offStrings + strings.length, totalSize);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  [FDT_MAGIC, total, offStruct, offStrings, offRsv, VERSION, LAST_COMP_VERSION, fdt.bootCpuid, strings.length, struct.length]
    .forEach((v, i) => dv.setUint32(i * 4, v >>> 0));
  fdt.reserved.forEach((r, i) => {
    dv.setBigUint64(offRsv + i * 16, r.address);
    dv.setBigUint64(offRsv + i * 16 + 8, r.size);
  });
  out.set(struct, offStruct);
  out.set(strings, offStrings);
  return out;
}

function err(message: string): Result<never> {
  return { ok: false, error: `device tree: ${message}` };
}
