// The web app's client contract is the server's own (src/protocol): the same declarations,
// imported as types only, so a field, an event or a media kind cannot be added on one side
// and missed on the other. Only names the web app gives its own views are declared here.
export type * from "../../src/protocol/index.ts";
