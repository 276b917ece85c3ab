// The search page: Pagefind's index (built with the site, see generator/search/)
// queried in the reader's browser. No inline script or style, so it runs under the
// site's Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval').
const form = document.getElementById("tim-kiem");
const input = document.getElementById("q");
const status = document.getElementById("trang-thai");
const list = document.getElementById("ket-qua");
const filterBox = document.getElementById("bo-loc");
const strings = JSON.parse(document.getElementById("chu-tim-kiem").textContent);
const FILTERS = ["topic", "year", "type", "agency"];   // the order the selects appear in
const root = new URL(form.dataset.root, location.href);

let pagefind;
let latest = 0;

// The index comes in shards (generator/search/shards.py): the general one at the bundle's
// root, the others listed in shards.json and merged into it, so one search covers all.
// shards.json also lists every filter's values, so the filters need no request per shard.
async function load() {
  const bundle = new URL(form.dataset.bundle, location.href);
  const options = { baseUrl: root.pathname, excerptLength: 24 };
  const [module, listing] = await Promise.all([
    import(new URL("pagefind.js", bundle).href),
    fetch(new URL("shards.json", bundle)).then((r) => (r.ok ? r.json() : Promise.reject(r.status))),
  ]);
  pagefind = module;
  await pagefind.options(options);
  await pagefind.init();
  await Promise.all(listing.shards.map((shard) => pagefind.mergeIndex(new URL(shard, bundle).pathname, options)));
  buildFilters(listing.filters);
}

function buildFilters(available) {
  const params = new URLSearchParams(location.search);
  for (const name of FILTERS) {
    const values = [...(available[name] || [])];
    if (!values.length) continue;
    values.sort((a, b) => (name === "year" ? b.localeCompare(a) : a.localeCompare(b, "vi")));
    const id = "loc-" + name;
    const wrap = document.createElement("p");
    wrap.className = "filter";
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = strings["filter_" + name];
    const select = document.createElement("select");
    select.id = id;
    select.name = name;
    select.append(new Option(strings.filter_any, ""));
    for (const value of values) select.append(new Option(value, value));
    select.value = params.get(name) || "";
    select.addEventListener("change", () => run());
    wrap.append(label, select);
    filterBox.append(wrap);
  }
  filterBox.hidden = filterBox.childElementCount === 0;
}

function chosenFilters() {
  const chosen = {};
  for (const select of filterBox.querySelectorAll("select")) if (select.value) chosen[select.name] = select.value;
  return chosen;
}

async function run() {
  const query = input.value.trim();
  const filters = chosenFilters();
  const ticket = ++latest;
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [k, v] of Object.entries(filters)) params.set(k, v);
  history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    pending = [];
    more.hidden = true;
    status.textContent = "";
    return;
  }
  status.textContent = strings.searching;
  const search = await pagefind.search(query ? withPairs(query) : null, { filters });
  if (ticket !== latest) return;          // a newer query has started
  list.replaceChildren();
  pending = search.results;
  await showMore(ticket);
  status.textContent = search.results.length
    ? strings.results_count.replace("{count}", search.results.length)
    : strings.no_results;
}

// Results come in pages of PAGE: each one's text is fetched only when shown.
const PAGE = 20;
let pending = [];

async function showMore(ticket) {
  const batch = pending.slice(0, PAGE);
  pending = pending.slice(PAGE);
  const data = await Promise.all(batch.map((r) => r.data()));
  if (ticket !== latest) return;
  list.append(...data.map(resultItem));
  more.hidden = pending.length === 0;
}

const more = document.getElementById("them-ket-qua");
more.addEventListener("click", () => showMore(latest));

// Each pair of neighbouring words, folded and joined ("dat dai" -> "datdai"): pages hold
// the same pairs for words with "đ" (generator/search/fold.py), so typing without
// diacritics prefers "đất đai" to a page that only has "đạt" and "đại". A pair no page
// holds is ignored by Pagefind.
function fold(word) {
  return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
}

function withPairs(query) {
  const words = query.split(/\s+/).filter((w) => /^[\p{L}\p{N}]+$/u.test(w));
  const pairs = words.slice(1).map((w, i) => fold(words[i] + w));
  return [query, ...pairs].join(" ");
}

function resultItem(result) {
  const li = document.createElement("li");
  li.className = "result";
  const h = document.createElement("h2");
  h.className = "item-title";
  const a = document.createElement("a");
  a.href = result.url;
  a.textContent = result.meta.title || result.url;
  h.append(a);
  const facts = [result.meta.kind, result.meta.issue, result.meta.date, result.meta.number].filter(Boolean);
  const meta = document.createElement("p");
  meta.className = "item-meta";
  facts.forEach((fact, i) => {
    if (i) meta.append(" · ");
    const span = document.createElement("span");
    if (fact === result.meta.number) span.className = "doc";
    span.textContent = fact;
    meta.append(span);
  });
  const excerpt = document.createElement("p");
  excerpt.className = "item-excerpt";
  excerpt.append(...safeExcerpt(result.excerpt));
  li.append(h, meta, excerpt);
  return li;
}

// Pagefind's excerpt is HTML with <mark> around matches: keep only text and <mark>.
function safeExcerpt(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  return [...doc.body.childNodes].map((node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent);
  });
}

let timer;
input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 200); });
form.addEventListener("submit", (event) => { event.preventDefault(); run(); });

const initial = new URLSearchParams(location.search).get("q");
if (initial) input.value = initial;
load().then(run).catch(() => { status.textContent = strings.search_failed; });
