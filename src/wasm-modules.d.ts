// Wrangler (and the workerd test pool) turn `import m from "x.wasm"` into a compiled
// WebAssembly.Module: Workers refuse to compile WebAssembly from bytes at run time.
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
