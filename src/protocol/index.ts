// The contract the web app shares with the server.
export type * from "./api.ts";
export type * from "./events.ts";
export type * from "./messages.ts";
export { MAX_PAGE, MAX_TEXT } from "./messages.ts";
export { REPLACED_BY_NEWER, SESSION_ENDED } from "./events.ts";
export type * from "./errors.ts";
export type * from "./profiles.ts";
export type * from "./notify.ts";
