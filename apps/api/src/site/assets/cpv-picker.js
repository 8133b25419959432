// CPV picker, progressive enhancement of #cpv-picker (src/site/cpv-picker.ts renders the no-JS half):
// a label search against /v1/codes/cpv?q= and divisions that expand in place via /v1/codes/cpv/{code}.
// Choosing a code appends it to the plain `cpv` input, which is what the form submits.
(() => {
  const root = document.getElementById("cpv-picker");
  const input = document.getElementById("cpv-input");
  if (!root || !input) return;
  const lang = root.dataset.lang === "en" ? "en" : "nb";
  const labelOf = (c) => (lang === "en" ? c.nameEn : c.nameNb) || c.code;

  const choose = (code) => {
    const codes = input.value
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean);
    if (!codes.includes(code)) codes.push(code);
    input.value = codes.join(", ");
    input.focus();
  };

  const option = (code, label) => {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "cpv-option";
    button.dataset.code = code;
    button.textContent = `${code} ${label}`;
    button.addEventListener("click", () => choose(code));
    li.append(button);
    return li;
  };

  // The label search: a search box and a live list of hits.
  const searchLabel = document.createElement("label");
  searchLabel.htmlFor = "cpv-search";
  searchLabel.textContent = root.dataset.searchLabel || "CPV";
  const search = document.createElement("input");
  search.type = "search";
  search.id = "cpv-search";
  search.autocomplete = "off";
  search.setAttribute("aria-controls", "cpv-options");
  const list = document.createElement("ul");
  list.id = "cpv-options";
  list.setAttribute("aria-live", "polite");
  root.insertBefore(list, root.querySelector("details"));
  root.insertBefore(search, list);
  root.insertBefore(searchLabel, search);

  let timer;
  let seq = 0;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    const q = search.value.trim();
    if (q.length < 2) {
      list.replaceChildren();
      return;
    }
    timer = setTimeout(async () => {
      const mine = ++seq;
      try {
        const res = await fetch(`/v1/codes/cpv?q=${encodeURIComponent(q)}&limit=8`);
        // The search answers an array of ranked codes (paging in X-Next-Cursor).
        const hits = res.ok ? await res.json() : [];
        if (mine !== seq) return;
        const items = (Array.isArray(hits) ? hits : []).map((c) => option(c.code, labelOf(c)));
        if (items.length === 0) {
          const li = document.createElement("li");
          li.textContent = root.dataset.noMatch || "";
          items.push(li);
        }
        list.replaceChildren(...items);
      } catch {
        list.replaceChildren();
      }
    }, 200);
  });

  // Divisions: a click picks the prefix instead of navigating; a button shows the groups under it.
  for (const li of root.querySelectorAll("li[data-code]")) {
    const link = li.querySelector("a[data-cpv]");
    link?.addEventListener("click", (event) => {
      event.preventDefault();
      choose(link.dataset.cpv);
    });
    const more = document.createElement("button");
    more.type = "button";
    more.className = "cpv-option";
    more.textContent = "+";
    more.setAttribute("aria-expanded", "false");
    more.setAttribute("aria-label", `${root.dataset.expandLabel || ""} ${li.dataset.code}`.trim());
    more.addEventListener("click", async () => {
      if (more.getAttribute("aria-expanded") === "true") {
        li.querySelector("ul")?.remove();
        more.setAttribute("aria-expanded", "false");
        return;
      }
      const res = await fetch(`/v1/codes/cpv/${li.dataset.code}000000`);
      if (!res.ok) return;
      const body = await res.json();
      const sub = document.createElement("ul");
      sub.append(...(body.children || []).map((c) => option(c.code, labelOf(c))));
      li.append(sub);
      more.setAttribute("aria-expanded", "true");
    });
    li.prepend(more);
  }
})();
