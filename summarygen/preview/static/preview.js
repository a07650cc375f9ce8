// summarygen preview: swaps in the new side list and document after each save of the record
// (server-sent events from /events), keeping the reader's place, and shows each highlight's
// note on hover, keyboard focus and tap. Served by the preview itself; nothing from elsewhere.
"use strict";
(() => {
  const body = document.body;
  const chosen = body.dataset.doc;
  let version = Number(body.dataset.version);
  const popup = document.getElementById("popup");
  const status = document.getElementById("status");
  let shownFor = null;

  function hidePopup() {
    popup.hidden = true;
    shownFor = null;
  }

  function showPopup(mark) {
    const note = document.getElementById(mark.dataset.note);
    if (!note) return;
    popup.replaceChildren(...Array.from(note.childNodes, (node) => node.cloneNode(true)));
    popup.hidden = false;
    shownFor = mark;
    const box = mark.getBoundingClientRect();
    const width = Math.min(28 * 16, document.documentElement.clientWidth - 16);
    popup.style.width = width + "px";
    const left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    popup.style.left = left + "px";
    popup.style.top = (box.bottom + window.scrollY + 1) + "px";  // no gap: the pointer can move onto it
  }

  const markOf = (target) => (target instanceof Element ? target.closest("mark.hl[data-note]") : null);

  document.addEventListener("mouseover", (event) => {
    const mark = markOf(event.target);
    if (mark) showPopup(mark);
  });
  document.addEventListener("mouseout", (event) => {
    if (!shownFor) return;
    const to = event.relatedTarget;
    const staying = to instanceof Node && (popup.contains(to) || shownFor.contains(to));
    if (!staying && document.activeElement !== shownFor) hidePopup();
  });
  document.addEventListener("focusin", (event) => {
    const mark = markOf(event.target);
    if (mark) showPopup(mark); else hidePopup();
  });
  document.addEventListener("click", (event) => {
    const mark = markOf(event.target);
    // a tap brings mouseover then click: both show; a tap elsewhere (or Escape) hides
    if (mark) {
      showPopup(mark);
    } else if (!(event.target instanceof Element && popup.contains(event.target))) {
      hidePopup();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hidePopup();
  });

  async function update(changes) {
    const response = await fetch("/part?doc=" + encodeURIComponent(chosen), {cache: "no-store"});
    if (!response.ok) return;
    const part = await response.json();
    const x = window.scrollX, y = window.scrollY;
    // the highlight that had focus, known by its kind and words (its note's number may move)
    const focused = markOf(document.activeElement);
    const was = focused ? [focused.className, focused.textContent] : null;
    hidePopup();
    document.getElementById("side").innerHTML = part.side;
    document.getElementById("content").innerHTML = part.main;
    window.scrollTo(x, y);
    version = part.version;
    body.dataset.version = String(version);
    if (was) {
      const again = Array.from(document.querySelectorAll("mark.hl[data-note]"))
        .find((mark) => mark.className === was[0] && mark.textContent === was[1]);
      if (again) again.focus({preventScroll: true});
    }
    const said = (changes && changes.length ? changes : part.changes) || [];
    if (!part.ok) status.textContent = "Saved: the record has mistakes (listed below).";
    else status.textContent = said.length ? "Updated: " + said.join("; ") : "Updated: nothing the checks see changed.";
  }

  const events = new EventSource("/events");
  events.addEventListener("hello", (event) => {
    window.__previewListening = true;
    const data = JSON.parse(event.data);
    if (data.version !== version) update([]);
  });
  events.addEventListener("update", (event) => {
    const data = JSON.parse(event.data);
    update(data.changes);
  });
  events.addEventListener("error", () => {
    if (events.readyState === EventSource.CLOSED) status.textContent = "The preview has stopped.";
  });
})();
