/**
 * How much memory a run may use: the free memory, the process's constrained
 * memory (Node's view of the container limit), and cgroup v2's memory.max
 * less memory.current at every level of this process's cgroup (a container
 * or a systemd slice caps memory there, and `free` does not show it).
 */
import fs from "node:fs";
import { freemem } from "node:os";
import path from "node:path";

/** One bound on the memory available, and where it comes from (for messages). */
export interface MemoryBound {
  bytes: number;
  /** e.g. "free memory", "--max-memory", "cgroup memory.max (/sys/fs/cgroup/…)". */
  source: string;
}

/** Where cgroup files are read from (tests point these at a fake tree). */
export interface CgroupPaths {
  /** The process's cgroup membership file. Default /proc/self/cgroup. */
  procCgroup: string;
  /** Mount points a cgroup v2 hierarchy may be at. Default /sys/fs/cgroup and /sys/fs/cgroup/unified. */
  roots: string[];
}

export const DEFAULT_CGROUP_PATHS: CgroupPaths = {
  procCgroup: "/proc/self/cgroup",
  roots: ["/sys/fs/cgroup", "/sys/fs/cgroup/unified"],
};

/** Values at or above this mean "no limit" (cgroup v1 and libuv report about 2^63). */
const UNLIMITED = 2 ** 60;

function readNumber(file: string): number | undefined {
  try {
    const text = fs.readFileSync(file, "utf8").trim();
    if (text === "max") return Number.POSITIVE_INFINITY;
    const v = Number(text);
    return Number.isFinite(v) && v >= 0 ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The tightest cgroup v2 memory bound on this process: min over its cgroup
 * and every ancestor of memory.max − memory.current. Undefined when there is
 * no cgroup v2 memory controller or no limit.
 */
export function cgroupV2Room(paths: CgroupPaths = DEFAULT_CGROUP_PATHS): MemoryBound | undefined {
  let membership: string;
  try {
    membership = fs.readFileSync(paths.procCgroup, "utf8");
  } catch {
    return undefined;
  }
  // cgroup v2 is the line "0::/some/path".
  const line = membership.split("\n").find((l) => l.startsWith("0::"));
  if (!line) return undefined;
  const rel = line.slice(3).trim();
  let best: MemoryBound | undefined;
  for (const root of paths.roots) {
    // Inside a container the cgroup is often mounted as the root itself.
    for (let dir = path.join(root, rel); ; dir = path.dirname(dir)) {
      const max = readNumber(path.join(dir, "memory.max"));
      if (max !== undefined && max < UNLIMITED) {
        const current = readNumber(path.join(dir, "memory.current")) ?? 0;
        const room = Math.max(0, max - current);
        if (!best || room < best.bytes) {
          best = {
            bytes: room,
            source: `the cgroup limit (${path.join(dir, "memory.max")} less memory.current)`,
          };
        }
      }
      if (dir === root || dir.length <= root.length) break;
    }
  }
  return best;
}

/** Node's constrained memory (libuv reads cgroup v1 and v2), when there is a limit. */
function constrained(): MemoryBound | undefined {
  const v = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.();
  return v !== undefined && v > 0 && v < UNLIMITED
    ? { bytes: v, source: "the container's memory limit (process.constrainedMemory)" }
    : undefined;
}

/**
 * The memory a run may use: `limit` (--max-memory) instead of the free
 * memory, but never more than a container or cgroup allows: a hard limit
 * kills the process, it cannot be argued with.
 */
export function availableMemory(limit?: number, paths?: CgroupPaths): MemoryBound {
  const bounds: MemoryBound[] = [
    limit === undefined
      ? { bytes: freemem(), source: "free memory" }
      : { bytes: limit, source: "the limit (--max-memory)" },
  ];
  const c = constrained();
  if (c) bounds.push(c);
  const g = cgroupV2Room(paths);
  if (g) bounds.push(g);
  return bounds.reduce((a, b) => (b.bytes < a.bytes ? b : a));
}
