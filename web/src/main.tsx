import { render } from "preact";
import { App } from "./components/App.tsx";
import { session } from "./state/session.ts";
import "./styles.css";

render(<App />, document.getElementById("app")!);
void session.boot();
