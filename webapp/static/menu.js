/* The phone's « Menu » closes with Esc and gives the focus back to its button, as a disclosure menu does (WAI-ARIA
   Authoring Practices). It is a <details>: it opens and closes without this script, which only adds the key; a
   browser without script keeps the menu as it was. On a wide screen the menu is closed and its links show anyway,
   so Esc there does nothing. */
"use strict";

for (const menu of document.querySelectorAll("details.menu")) {
  menu.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !menu.open) {
      return;
    }
    menu.open = false;
    menu.querySelector("summary").focus();
  });
}
