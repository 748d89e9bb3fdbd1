// Vite turns `import x from "file?inline"` into the file's data: URL (fixtures such as PNGs).
declare module "*?inline" {
  const dataUrl: string;
  export default dataUrl;
}
