// The former entry point, for scripts that still name it: `isagen` is bin/isagen.cjs (CommonJS,
// which starts faster than an ES module).
import "./isagen.cjs";
