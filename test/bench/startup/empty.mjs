// An empty ES module: `node empty.mjs` is the floor of any ES-module command line (the ESM
// loader starts), which a bare `node -e` does not pay.
export {};
