// The page: two views, the instruction explorer and the guest console.
import { Explorer } from "./explorer.ts";
import { ConsoleView } from "./console-view.ts";

const explorer = new Explorer();
const consoleView = new ConsoleView();
(window as unknown as { isagenConsole: unknown }).isagenConsole = consoleView.state;

let consoleStarted = false;
function showView(view: string): void {
  for (const tab of document.querySelectorAll<HTMLButtonElement>(".tab")) tab.setAttribute("aria-selected", String(tab.dataset.view === view));
  for (const v of ["explorer", "console"]) document.getElementById(`view-${v}`)!.hidden = v !== view;
  if (view === "console" && !consoleStarted) {
    consoleStarted = true;
    consoleView.start();
  }
  if (location.hash !== `#${view}`) history.replaceState(null, "", `#${view}`);
}
for (const tab of document.querySelectorAll<HTMLButtonElement>(".tab")) tab.addEventListener("click", () => showView(tab.dataset.view!));
showView(location.hash === "#console" ? "console" : "explorer");
explorer.start().then(
  () => (document.body.dataset.ready = "1"),
  (e) => {
    document.getElementById("problems")!.textContent = `the explorer failed to start: ${(e as Error).message}`;
  },
);
