// The review page: list, filters, one draft at a time, decisions posted to the server.
// Every text from the batch goes in with textContent, never as HTML.
"use strict";
const state = { drafts: [], shown: [], current: null, view: null, undo: [] };
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
    }
  }
  return node;
}

function say(text, ok) {
  const box = $("message");
  box.hidden = !text;
  box.textContent = text || "";
  box.className = ok ? "ok" : "";
}

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

function fillSelect(id, values) {
  const select = $(id);
  const chosen = select.value;
  while (select.options.length > 1) select.remove(1);
  for (const value of values) select.append(el("option", { value }, value));
  select.value = values.includes(chosen) ? chosen : "";
}

async function loadList(autoShow = true) {
  const reply = await api("/api/drafts");
  if (!reply.ok) { say(reply.data.error); return; }
  state.drafts = reply.data.drafts;
  const all = (key) => [...new Set(state.drafts.flatMap((d) => [].concat(d[key])))].sort();
  fillSelect("f-exercise", all("exercise"));
  fillSelect("f-class", all("classes"));
  fillSelect("f-injector", all("injectors"));
  const count = (k) => state.drafts.filter((d) => d.decision === k).length;
  $("counts").textContent = `${state.drafts.length} drafts: ${count("accepted")} accepted, ` +
    `${count("rejected")} rejected, ${count("undecided")} undecided`;
  applyFilters(autoShow);
}

function applyFilters(autoShow = true) {
  const f = { exercise: $("f-exercise").value, cls: $("f-class").value,
              injector: $("f-injector").value, decision: $("f-decision").value };
  state.shown = state.drafts.filter((d) =>
    (!f.exercise || d.exercise === f.exercise) && (!f.cls || d.classes.includes(f.cls)) &&
    (!f.injector || d.injectors.includes(f.injector)) && (!f.decision || d.decision === f.decision));
  const list = $("list");
  list.replaceChildren(...state.shown.map((d) => {
    const item = el("li", { "data-id": d.id, "data-decision": d.decision },
      el("span", {}, `${d.id} ${d.exercise}`), el("span", { class: `decision ${d.decision}` }, d.decision));
    item.title = `${d.request}; ${d.injectors.join(", ")}`;
    item.onclick = () => show(d.id);
    if (d.id === state.current) item.className = "current";
    return item;
  }));
  $("shown").textContent = `${state.shown.length} of ${state.drafts.length} shown`;
  if (autoShow && !state.shown.some((d) => d.id === state.current)) {
    if (state.shown.length) show(state.shown[0].id); else clearView();
  }
}

function clearView() {
  state.current = null; state.view = null;
  $("draft").replaceChildren(el("p", {}, "No draft matches these filters."));
  $("actions").hidden = true;
}

function diffTable(view) {
  const cols = el("colgroup", {}, el("col", { class: "ln" }), el("col", {}),
    el("col", { class: "ln" }), el("col", {}));
  const table = el("table", { class: "diff" }, cols,
    el("tr", {}, el("th", { colspan: 2 }, "correct"), el("th", { colspan: 2 }, "incorrect")));
  // pair removed lines with the added lines that replace them, side by side
  const rows = view.rows;
  for (let i = 0; i < rows.length;) {
    if (rows[i].kind === "same") { table.append(diffRow(rows[i], rows[i])); i++; continue; }
    const olds = [], news = [];
    while (i < rows.length && rows[i].kind === "old") olds.push(rows[i++]);
    while (i < rows.length && rows[i].kind === "new") news.push(rows[i++]);
    for (let k = 0; k < Math.max(olds.length, news.length); k++) {
      table.append(diffRow(olds[k] || null, news[k] || null));
    }
  }
  return table;
}

function diffRow(left, right) {
  const cells = [];
  if (left) {
    cells.push(el("td", { class: "ln" }, left.old), el("td", { class: left.kind === "old" ? "old" : "" }, left.text));
  } else {
    cells.push(el("td", { class: "ln" }), el("td", {}));
  }
  if (right) {
    const css = [right.kind === "new" ? "new" : "", right.errors.length ? "err" : ""].join(" ").trim();
    const cell = el("td", { class: css }, right.text);
    if (right.errors.length) cell.append(el("span", { class: "mark" }, "   ← " + right.errors.join(", ")));
    cells.push(el("td", { class: "ln" }, right.new), cell);
  } else {
    cells.push(el("td", { class: "ln" }), el("td", {}));
  }
  return el("tr", {}, ...cells);
}

async function show(id) {
  const reply = await api(`/api/drafts/${encodeURIComponent(id)}`);
  if (!reply.ok) { say(reply.data.error); return; }
  const v = reply.data;
  state.current = id; state.view = v;
  hideForms();
  for (const item of $("list").children) item.className = item.dataset.id === id ? "current" : "";
  const explanations = el("ol", { id: "explanations" }, ...v.explanations.map((e) =>
    el("li", {}, el("span", { class: `badge ${e.error_class}` }, e.error_class), e.sentence,
      el("div", { class: "proof" }, `verified: ${e.injector}, ${e.proof}`))));
  const decided = v.decision === "undecided" ? "undecided" :
    `${v.decision}${v.edited ? " (edited)" : ""}` +
    `${v.decision_note && !v.edited ? ": " + v.decision_note : ""} — ${v.time}`;
  const parts = [
    el("h2", {}, `draft ${v.id} `, el("span", { class: `decision ${v.decision}`, id: "decision" }, decided)),
    el("p", {}, `exercise ${v.exercise} · asked for ${errors(v.request)}`,
      v.partial ? ` · partial: delivers ${errors(v.delivered)}` : ""),
    el("p", { id: "description" }, v.description),
    diffTable(v)];
  if (v.note) parts.push(el("p", { class: "note" }, v.note));
  parts.push(explanations);
  $("draft").replaceChildren(...parts);
  $("actions").hidden = false;
  $("b-undo").disabled = !lastUndo();
}

function errors(request) {
  const named = Object.entries(request || {}).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`);
  return named.join(", ") || "no errors";
}

function hideForms() { $("reject-form").hidden = true; $("edit-form").hidden = true; }

function lastUndo() { return state.undo.length ? state.undo[state.undo.length - 1] : null; }

async function decide(action, extra) {
  const id = state.current;
  if (!id) return;
  const reply = await api(`/api/drafts/${encodeURIComponent(id)}/${action}`,
    { version: state.view.version, ...extra });
  if (!reply.ok) return reply;
  state.undo = state.undo.filter((u) => u.id !== id);
  state.undo.push({ id, version: reply.data.version, decision: reply.data.decision });
  hideForms();
  // on to the next draft of the list (a filter may have dropped this one from it)
  const position = state.shown.findIndex((d) => d.id === id);
  await loadList(false);
  const stays = state.shown.findIndex((d) => d.id === id);
  const index = stays >= 0 ? Math.min(stays + 1, state.shown.length - 1)
    : Math.min(Math.max(position, 0), state.shown.length - 1);
  if (index >= 0) await show(state.shown[index].id); else clearView();
  // said last, so that when it shows, the page has moved on
  say(`${id} ${reply.data.decision}${reply.data.note ? ": " + reply.data.note : ""}`, true);
  return reply;
}

async function refused(reply) {
  say(reply.data.error);
  if (reply.status === 409) { await loadList(); if (state.current) await show(state.current); say(reply.data.error); }
}

async function accept() {
  const reply = await decide("accept", {});
  if (reply && !reply.ok) await refused(reply);
}

function startReject() {
  if (!state.current) return;
  hideForms();
  $("reject-form").hidden = false;
  $("note").value = "";
  $("note").focus();
}

async function reject(event) {
  event.preventDefault();
  const reply = await decide("reject", { note: $("note").value });
  if (reply && !reply.ok) { $("reject-form").hidden = true; await refused(reply); }
}

function startEdit() {
  if (!state.current) return;
  hideForms();
  $("edit-form").hidden = false;
  $("defects").replaceChildren();
  $("edit-status").textContent = "";
  $("edit-text").value = state.view.edit_start;
  $("edit-text").focus();
}

async function saveEdit(event) {
  event.preventDefault();
  $("edit-status").textContent = "auditing…";
  $("edit-save").disabled = true;
  $("defects").replaceChildren();
  const reply = await decide("edit", { assistant_xml: $("edit-text").value });
  $("edit-save").disabled = false;
  $("edit-status").textContent = "";
  if (!reply || reply.ok) return;
  if (reply.status === 422 || reply.status === 400) {
    say(reply.data.error);
    $("defects").replaceChildren(...(reply.data.defects || []).map((d) =>
      el("li", {}, el("strong", {}, d.kind), ": " + d.detail)));
    $("defects").scrollIntoView({ block: "nearest" });
  } else {
    $("edit-form").hidden = true;
    await refused(reply);
  }
}

async function undo() {
  const last = lastUndo();
  if (!last) { say("nothing to undo in this page"); return; }
  const reply = await api(`/api/drafts/${encodeURIComponent(last.id)}/undo`, { version: last.version });
  state.undo.pop();
  if (!reply.ok) { await refused(reply); return; }
  await loadList(false);
  await show(last.id);
  say(`${last.id}: ${last.decision} undone, back to undecided`, true);
}

function step(delta) {
  if (!state.shown.length) return;
  say("");
  const position = state.shown.findIndex((d) => d.id === state.current);
  const next = Math.max(0, Math.min(state.shown.length - 1, position + delta));
  show(state.shown[next].id);
}

document.addEventListener("keydown", (event) => {
  const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName);
  if (event.key === "Escape") { hideForms(); event.target.blur && event.target.blur(); return; }
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const keys = { a: accept, r: startReject, e: startEdit, u: undo, j: () => step(1),
    k: () => step(-1), ArrowDown: () => step(1), ArrowRight: () => step(1),
    ArrowUp: () => step(-1), ArrowLeft: () => step(-1) };
  if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
});
for (const id of ["f-exercise", "f-class", "f-injector", "f-decision"]) {
  $(id).onchange = () => applyFilters(true);
}
$("b-accept").onclick = accept;
$("b-reject").onclick = startReject;
$("b-edit").onclick = startEdit;
$("b-undo").onclick = undo;
$("reject-form").onsubmit = reject;
$("reject-cancel").onclick = hideForms;
$("edit-form").onsubmit = saveEdit;
$("edit-cancel").onclick = hideForms;
loadList();
