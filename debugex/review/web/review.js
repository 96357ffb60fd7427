// The review page: list with filters and search, one draft at a time, decisions queued.
// Every text from the batch goes in with textContent, never as HTML.
//
// A decision changes the page at once (the draft is marked, the next one shown) and is
// sent in order, one request at a time, each with the version of the draft it was made
// on: keys pressed faster than the server answers each decide the draft they were pressed
// on. A refusal (409: decided elsewhere) is said in the red box, which stays until closed,
// and the list is read again from the server once the queue is empty.
"use strict";
const REASONS = ["explanation wrong", "wrong line", "not a novice mistake", "too obvious",
  "too hard", "duplicate", "program unclear"];
const LABEL = { accept: "accepted", reject: "rejected", undo: "undecided" };
const state = { drafts: [], byId: new Map(), shown: [], current: null, views: new Map(),
  queue: [], sending: false, resync: false, undo: [], form: null, reviewer: "" };
const $ = (id) => document.getElementById(id);
const enc = encodeURIComponent;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
    }
  }
  return node;
}

function say(text) { $("message").textContent = text || ""; }
function fail(text) {
  $("error-list").append(el("li", {}, text));
  $("errors").hidden = false;
}
function clearErrors() { $("error-list").replaceChildren(); $("errors").hidden = true; }

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  let response;
  try {
    response = await fetch(path, options);
  } catch (exc) {
    return { ok: false, status: 0, data: { error: "the review server does not answer (was it stopped?)" } };
  }
  let data;
  try { data = await response.json(); } catch (exc) { data = { error: `HTTP ${response.status}` }; }
  return { ok: response.ok, status: response.status, data };
}

// -- the queue of decisions ------------------------------------------------------------
function enqueue(job) {
  return new Promise((resolve) => {
    state.queue.push({ ...job, resolve });
    renderCounts();
    if (!state.sending) drain();
  });
}

async function drain() {
  state.sending = true;
  while (state.queue.length) {
    const job = state.queue[0];
    const reply = await api(job.path, job.body);
    state.queue.shift();
    // refused as stale, lost, or failed on the server: the list is read again afterwards
    if (!reply.ok && ![400, 413, 415, 422].includes(reply.status)) state.resync = true;
    job.done(reply);
    job.resolve(reply);
    renderCounts();
  }
  state.sending = false;
  if (state.resync) { state.resync = false; await loadList(); }
}

function decide(action, extra, id) {
  const d = state.byId.get(id);
  if (!d) return;
  const version = d.version;
  Object.assign(d, { version: version + 1, decision: LABEL[action], note: extra.note || "",
    tags: extra.tags || [], pending: (d.pending || 0) + 1 });
  const entry = { id, decision: LABEL[action] };
  if (action !== "undo") state.undo.push(entry);
  const { undoes, ...sent } = extra;
  enqueue({ path: `/api/drafts/${enc(id)}/${action}`, body: { version, ...sent },
    done(reply) {
      d.pending -= 1;
      if (reply.ok) {
        const note = reply.data.note && action !== "undo" ? ": " + reply.data.note : "";
        say(action === "undo" ? `${id}: ${undoes} undone, back to undecided`
          : `${id} ${reply.data.decision}${note}`);
      } else {
        state.undo = state.undo.filter((u) => u !== entry);
        fail(`${id} was not ${LABEL[action]}: ${reply.data.error}`);
      }
      renderDraftRow(d);
    } });
  renderDraftRow(d);
}

// -- the list --------------------------------------------------------------------------
function fillSelect(id, values) {
  const select = $(id);
  const chosen = select.value;
  while (select.options.length > 1) select.remove(1);
  for (const value of values) select.append(el("option", { value }, value));
  select.value = values.includes(chosen) ? chosen : "";
}

async function loadList() {
  const reply = await api("/api/drafts");
  if (!reply.ok) { fail(reply.data.error); return; }
  if (state.sending) { state.resync = true; return; }  // decisions on their way: read it after
  state.reviewer = reply.data.reviewer;
  state.drafts = reply.data.drafts;
  state.byId = new Map(state.drafts.map((d) => [d.id, d]));
  state.views.clear();
  const all = (key) => [...new Set(state.drafts.flatMap((d) => [].concat(d[key])))].sort();
  fillSelect("f-exercise", all("exercise"));
  fillSelect("f-class", all("classes"));
  fillSelect("f-injector", all("injectors"));
  $("who").textContent = state.reviewer ? `deciding as ${state.reviewer}` : "no reviewer name";
  applyFilters();
  if (state.current && state.shown.some((d) => d.id === state.current)) show(state.current);
}

function matches(d, f) {
  return (!f.exercise || d.exercise === f.exercise) && (!f.cls || d.classes.includes(f.cls)) &&
    (!f.injector || d.injectors.includes(f.injector)) && (!f.decision || d.decision === f.decision) &&
    f.words.every((w) => d.search.includes(w));
}

function applyFilters(autoShow = true) {
  const f = { exercise: $("f-exercise").value, cls: $("f-class").value,
    injector: $("f-injector").value, decision: $("f-decision").value,
    words: $("search").value.toLowerCase().split(/\s+/).filter(Boolean) };
  state.shown = state.drafts.filter((d) => matches(d, f));
  $("list").replaceChildren(...state.shown.map(listItem),
    el("li", { class: "end" }, state.shown.length ? `end of the list (${state.shown.length})`
      : "no draft matches"));
  renderCounts();
  if (autoShow && !state.shown.some((d) => d.id === state.current)) {
    if (state.shown.length) show(state.shown[0].id); else clearView();
  } else markCurrent();
}

function listItem(d) {
  const item = el("li", { "data-id": d.id, "data-decision": d.decision },
    el("span", {}, d.id.includes(d.exercise) ? d.id : `${d.id} ${d.exercise}`),
    el("span", { class: `decision ${d.decision}` }, d.decision));
  item.title = `${d.id}: ${d.request}; ${d.injectors.join(", ")}`;
  item.onclick = () => { notice(""); show(d.id); };
  if (d.pending) item.classList.add("pending");
  if (d.id === state.current) item.classList.add("current");
  return item;
}

function renderDraftRow(d) {
  const old = $("list").querySelector(`li[data-id="${CSS.escape(d.id)}"]`);
  if (old) old.replaceWith(listItem(d));
  if (d.id === state.current) renderDecision();
  renderCounts();
}

function renderCounts() {
  const count = (rows, k) => rows.filter((d) => d.decision === k).length;
  const all = state.drafts;
  const pending = state.queue.reduce((n, job) => n + (job.body.drafts ? job.body.drafts.length : 1), 0);
  $("counts").textContent = `${all.length} drafts: ${count(all, "accepted")} accepted, ` +
    `${count(all, "rejected")} rejected, ${count(all, "undecided")} undecided` +
    (pending ? ` · ${pending} being written` : "");
  const shown = state.shown, open = count(shown, "undecided"), done = shown.length - open;
  $("progress").max = shown.length || 1;
  $("progress").value = done;
  $("shown").textContent = `${shown.length} of ${all.length} shown · ${done} decided` +
    (shown.length ? ` (${percent(done, shown.length)})` : "") + ` · ${open} undecided`;
  const button = $("b-accept-all");
  button.disabled = !open;
  button.textContent = open === shown.length ? `Accept all ${open} shown`
    : `Accept the ${open} undecided of ${shown.length} shown`;
}

function percent(part, whole) {
  const p = 100 * part / whole;
  return (p > 0 && p < 10 ? p.toFixed(1) : Math.floor(p)) + "%";  // 100% only when all are
}

function markCurrent() {
  for (const item of $("list").querySelectorAll("li.current")) item.classList.remove("current");
  const item = state.current && $("list").querySelector(`li[data-id="${CSS.escape(state.current)}"]`);
  if (item) { item.classList.add("current"); item.scrollIntoView({ block: "nearest" }); }
}

function notice(text) { $("notice").textContent = text; }

// -- one draft -------------------------------------------------------------------------
function clearView() {
  state.current = null;
  $("title").replaceChildren();
  $("draft").replaceChildren(el("p", {}, "No draft matches these filters and search."));
  $("actions").hidden = true;
}

async function fetchView(id) {
  if (state.views.has(id)) return state.views.get(id);
  const reply = await api(`/api/drafts/${enc(id)}`);
  if (!reply.ok) { if (state.current === id) fail(reply.data.error); return null; }
  state.views.set(id, reply.data);
  return reply.data;
}

function show(id) {
  state.current = id;
  hideForms();
  markCurrent();
  $("actions").hidden = false;
  $("b-undo").disabled = !state.undo.length;
  const cached = state.views.get(id);
  if (cached) render(cached);
  else {
    $("title").replaceChildren(el("span", {}, `draft ${id}`));
    $("draft").replaceChildren(el("p", {}, "Loading…"));
    fetchView(id).then((v) => { if (v && state.current === id) render(v); });
  }
  const at = state.shown.findIndex((d) => d.id === id);  // the next one is likely wanted soon
  if (at >= 0 && at + 1 < state.shown.length) fetchView(state.shown[at + 1].id);
}

function render(v) {
  $("title").replaceChildren(el("span", {}, `draft ${v.id}`),
    el("span", { class: "decision", id: "decision" }),
    el("span", { class: "meta" }, `exercise ${v.exercise} · asked for ${errors(v.request)}` +
      (v.partial ? ` · partial: delivers ${errors(v.delivered)}` : "")));
  renderDecision();
  const parts = [el("p", { id: "description" }, v.description)];
  if (v.note) parts.push(el("p", { class: "note" }, v.note));
  parts.push(diffTable(v));
  $("draft").replaceChildren(...parts);
  $("scroller").scrollTop = 0;
}

function renderDecision() {
  const d = state.byId.get(state.current), badge = $("decision");
  if (!d || !badge) return;
  const extra = [d.tags && d.tags.length ? d.tags.join(", ") : "", d.note].filter(Boolean).join(": ");
  badge.className = `decision ${d.decision}` + (d.pending ? " pending" : "");
  badge.textContent = d.decision + (extra ? ` (${extra})` : "") + (d.pending ? " …" : "");
  $("b-undo").disabled = !state.undo.length;
}

function errors(request) {
  const named = Object.entries(request || {}).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`);
  return named.join(", ") || "no errors";
}

// The diff side by side; each explanation in a row right under the line it is about.
function diffTable(v) {
  const cols = el("colgroup", {}, el("col", { class: "ln" }), el("col", {}),
    el("col", { class: "ln" }), el("col", {}));
  const table = el("table", { class: "diff" }, cols,
    el("tr", {}, el("th", { colspan: 2 }, "correct"), el("th", { colspan: 2 }, "incorrect")));
  const byLine = new Map();
  const rows = v.rows;
  for (let i = 0; i < rows.length;) {
    const pairs = [];
    if (rows[i].kind === "same") { pairs.push([rows[i], rows[i]]); i++; } else {
      const olds = [], news = [];
      while (i < rows.length && rows[i].kind === "old") olds.push(rows[i++]);
      while (i < rows.length && rows[i].kind === "new") news.push(rows[i++]);
      for (let k = 0; k < Math.max(olds.length, news.length); k++) pairs.push([olds[k], news[k]]);
    }
    for (const [left, right] of pairs) {
      const tr = diffRow(left, right);
      table.append(tr);
      if (right && right.new) byLine.set(right.new, tr);
    }
  }
  for (const e of v.explanations) {
    const note = el("tr", { class: "annotation", "data-line": e.line },
      el("td", { colspan: 4 }, el("div", { class: "card" },
        el("span", { class: `badge ${e.error_class}` }, e.error_class),
        e.sentence,
        el("div", { class: "proof" }, `verified: ${e.injector}, ${e.proof}`))));
    let after = byLine.get(e.line);
    if (!after) { table.append(note); continue; }  // a line the diff does not show
    while (after.nextSibling && after.nextSibling.classList.contains("annotation")) after = after.nextSibling;
    after.after(note);
  }
  return table;
}

function code(row, side) {
  const css = [side, row.changed ? "" : "whole"];
  const cell = el("td", { class: css.join(" ").trim() });
  if (!row.changed) { cell.textContent = row.text; return cell; }
  let at = 0;
  for (const [start, end] of row.changed) {  // only the characters that changed are marked
    cell.append(row.text.slice(at, start), el("mark", { class: side }, row.text.slice(start, end)));
    at = end;
  }
  cell.append(row.text.slice(at));
  return cell;
}

function diffRow(left, right) {
  const cells = [];
  if (left) {
    cells.push(el("td", { class: "ln" }, left.old),
      left.kind === "old" ? code(left, "old") : el("td", {}, left.text));
  } else cells.push(el("td", { class: "ln" }), el("td", {}));
  if (right) {
    const cell = right.kind === "new" ? code(right, "new") : el("td", {}, right.text);
    if (right.errors.length) cell.classList.add("err");
    cells.push(el("td", { class: "ln" }, right.new), cell);
  } else cells.push(el("td", { class: "ln" }), el("td", {}));
  return el("tr", {}, ...cells);
}

// -- deciding --------------------------------------------------------------------------
function hideForms() { $("note-form").hidden = true; $("edit-form").hidden = true; state.form = null; }

function decideAndMove(action, extra, id) {
  if (!id || !state.byId.has(id)) return;
  const before = state.shown;
  decide(action, extra, id);
  applyFilters(false);
  const still = new Set(state.shown.map((d) => d.id));
  const next = before.slice(before.findIndex((d) => d.id === id) + 1).find((d) => still.has(d.id));
  if (next) { notice(""); show(next.id); return; }
  if (still.has(id)) show(id);
  else if (state.shown.length) show(state.shown[state.shown.length - 1].id);
  else clearView();
  const open = state.shown.filter((d) => d.decision === "undecided").length;
  notice(`end of the list: no draft after ${id} here (${state.shown.length} shown, ${open} undecided)`);
}

function accept() {
  const d = state.byId.get(state.current);
  if (!d) return;
  if (d.decision !== "accepted") { decideAndMove("accept", {}, d.id); return; }
  // accepted already (a key pressed once too often at the end of the list): no new line
  const at = state.shown.findIndex((x) => x.id === d.id);
  if (at >= 0 && at + 1 < state.shown.length) { notice(""); show(state.shown[at + 1].id); return; }
  notice(`end of the list: ${d.id} is accepted already and no draft comes after it here`);
}

function openNoteForm(mode) {
  if (!state.current) return;
  hideForms();
  state.form = { mode, id: state.current };
  $("tags").hidden = mode !== "reject";
  for (const box of $("tags").querySelectorAll("input")) box.checked = false;
  $("note-label").textContent = mode === "reject" ? "Why reject it?" : "Note on accepting";
  $("note-save").textContent = mode === "reject" ? "Reject" : "Accept";
  $("note-form").hidden = false;
  $("note").value = "";
  $("note").focus();
}

function saveNote(event) {
  event.preventDefault();
  if (!state.form) return;
  const { mode, id } = state.form;
  const tags = [...$("tags").querySelectorAll("input:checked")].map((box) => box.value);
  const note = $("note").value;
  hideForms();
  $("note").blur();
  decideAndMove(mode, mode === "reject" ? { note, tags } : { note }, id);
}

function startEdit() {
  if (!state.current || !state.views.get(state.current)) return;
  hideForms();
  state.form = { mode: "edit", id: state.current };
  $("edit-form").hidden = false;
  $("defects").replaceChildren();
  $("edit-status").textContent = "";
  $("edit-text").value = state.views.get(state.current).edit_start;
  $("scroller").scrollTop = 0;
  $("edit-text").focus();
}

async function saveEdit(event) {
  event.preventDefault();
  const id = state.form && state.form.id, d = state.byId.get(id);
  if (!d) return;
  $("edit-status").textContent = "auditing…";
  $("edit-save").disabled = true;
  $("defects").replaceChildren();
  const reply = await enqueue({ path: `/api/drafts/${enc(id)}/edit`,
    body: { version: d.version, assistant_xml: $("edit-text").value }, done() {} });
  $("edit-save").disabled = false;
  $("edit-status").textContent = "";
  if (reply.ok) {
    Object.assign(d, { version: d.version + 1, decision: "accepted", note: "edited", tags: [] });
    state.views.delete(id);
    state.undo.push({ id, decision: "accepted" });
    hideForms();
    renderDraftRow(d);
    if (state.current === id) decideAndMoveOn(id);
    say(`${id} accepted: edited`);
    if (state.sending) state.resync = true; else loadList();  // the search reads the edit
  } else if (reply.status === 422 || reply.status === 400) {
    $("edit-status").textContent = reply.data.error;
    $("defects").replaceChildren(...(reply.data.defects || []).map((x) =>
      el("li", {}, el("strong", {}, x.kind), ": " + x.detail)));
  } else {
    hideForms();
    fail(`${id} was not edited: ${reply.data.error}`);
  }
}

function decideAndMoveOn(id) {  // after an edit: the list as it is now, the next draft
  applyFilters(false);
  const at = state.shown.findIndex((d) => d.id === id);
  if (at >= 0 && at + 1 < state.shown.length) show(state.shown[at + 1].id); else show(id);
}

function undo() {
  const last = state.undo.pop();
  if (!last) { say("nothing to undo in this page"); return; }
  decide("undo", { undoes: last.decision }, last.id);
  applyFilters(false);
  if (state.shown.some((d) => d.id === last.id)) show(last.id);
}

function acceptAll() {
  const todo = state.shown.filter((d) => d.decision === "undecided");
  if (!todo.length) return;
  const kept = state.shown.length - todo.length;
  if (!window.confirm(`Accept ${todo.length} draft${todo.length === 1 ? "" : "s"}: every undecided draft shown?` +
      (kept ? ` The ${kept} already decided keep their decision.` : ""))) return;
  const body = { drafts: todo.map((d) => ({ id: d.id, version: d.version })) };
  for (const d of todo) Object.assign(d, { version: d.version + 1, decision: "accepted", note: "",
    tags: [], pending: (d.pending || 0) + 1 });
  enqueue({ path: "/api/accept-many", body, done(reply) {
    for (const d of todo) d.pending -= 1;
    if (!reply.ok) { fail(`${todo.length} drafts were not accepted: ${reply.data.error}`); return; }
    for (const r of reply.data.refused) fail(`${r.draft} was not accepted: ${r.error}`);
    say(`${reply.data.accepted.length} drafts accepted` +
      (reply.data.refused.length ? `, ${reply.data.refused.length} refused` : ""));
    applyFilters(false);
    renderDecision();
  } });
  applyFilters();
  renderDecision();
}

// -- keys ------------------------------------------------------------------------------
function step(delta) {
  if (!state.shown.length) return;
  const at = state.shown.findIndex((d) => d.id === state.current);
  const next = at + delta;
  if (next >= state.shown.length) { notice(`end of the list: ${state.current} is the last of the ${state.shown.length} shown`); return; }
  if (next < 0) { notice(`start of the list: ${state.current} is the first`); return; }
  notice("");
  show(state.shown[next].id);
}

function scroll(by) { $("scroller").scrollBy(0, by); }
const page = () => $("scroller").clientHeight * 0.9;

document.addEventListener("keydown", (event) => {
  if ($("keys").open) return;  // the dialog has its own Esc
  const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName);
  if (event.key === "Escape") {
    if (state.form || typing) { hideForms(); if (event.target.blur) event.target.blur(); } else clearErrors();
    return;
  }
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const keys = { a: accept, A: () => openNoteForm("accept"), r: () => openNoteForm("reject"),
    e: startEdit, u: undo, j: () => step(1), k: () => step(-1),
    "/": () => $("search").focus(), "?": () => $("keys").showModal(),
    ArrowDown: () => scroll(40), ArrowUp: () => scroll(-40), PageDown: () => scroll(page()),
    PageUp: () => scroll(-page()), " ": () => scroll(event.shiftKey ? -page() : page()),
    Home: () => scroll(-1e9), End: () => scroll(1e9) };
  if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
});

for (const reason of REASONS) {
  $("tags").append(el("label", {}, el("input", { type: "checkbox", value: reason }), " " + reason));
}
for (const id of ["f-exercise", "f-class", "f-injector", "f-decision"]) {
  $(id).onchange = () => { notice(""); applyFilters(true); };
}
let typed = null;  // the list is filtered once typing pauses, not at every key
$("search").oninput = () => {
  clearTimeout(typed);
  typed = setTimeout(() => { notice(""); applyFilters(true); }, 120);
};
$("search").onkeydown = (event) => { if (event.key === "Enter") { event.preventDefault(); $("search").blur(); } };
$("b-accept").onclick = accept;
$("b-accept-note").onclick = () => openNoteForm("accept");
$("b-reject").onclick = () => openNoteForm("reject");
$("b-edit").onclick = startEdit;
$("b-undo").onclick = undo;
$("b-accept-all").onclick = acceptAll;
$("b-keys").onclick = () => $("keys").showModal();
$("errors-close").onclick = clearErrors;
$("note-form").onsubmit = saveNote;
$("note-cancel").onclick = hideForms;
$("edit-form").onsubmit = saveEdit;
$("edit-cancel").onclick = hideForms;
for (const button of document.querySelectorAll("button")) {  // keys go to the page, not to it
  button.addEventListener("click", () => button.blur());
}
loadList();
