// `isagen run`'s loop is runtime/core/session.ts (the browser's worker runs it too); here the
// part only a process has: signals end the run at the next slice boundary.

import type { Session } from "../runtime/core/session.ts";

export {
  describeInterrupted,
  Session,
  SESSION_SLICE,
  type ConsoleSource,
  type Debugger,
  type Interrupted,
  type RunnableGuest,
  type SessionOptions,
  type SessionResult,
} from "../runtime/core/session.ts";

/** SIGINT → 130, SIGTERM → 143 (128 + the signal's number), as shells report them. */
export function onSignals(session: Session): () => void {
  const handlers = (["SIGINT", "SIGTERM"] as const).map((sig) => {
    const f = () => session.requestStop(sig, sig === "SIGINT" ? 130 : 143);
    process.on(sig, f);
    return [sig, f] as const;
  });
  return () => {
    for (const [sig, f] of handlers) process.off(sig, f);
  };
}
