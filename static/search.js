// Search and combined filters over the index that `dateline build` writes
// under search/ (see internal/search). A query fetches the manifest, one
// shard per word, the position lists of the records it filters by, the
// date chunks a date range needs, and one small file per result shown.
// The URL holds the query (q, actor, place, topic, thread, from, to), so
// a filtered view can be shared. Words are folded as the Go side folds
// them (internal/search/fold.go): the two must change together.
(() => {
  'use strict';
  const root = document.getElementById('search');
  if (!root || !window.fetch || !window.URLSearchParams) return;
  const ds = root.dataset;
  const form = root.querySelector('form');
  const status = root.querySelector('.search-status');
  const list = root.querySelector('.search-results');
  const more = root.querySelector('.search-more');
  const filters = root.querySelector('.search-filters');
  const qInput = form.elements.q;
  const fromInput = form.elements.from;
  const toInput = form.elements.to;
  const KINDS = ['actor', 'place', 'topic', 'thread'];
  const PAGE = 20;
  form.hidden = false;

  const cache = new Map();
  const get = (path, json) => {
    if (!cache.has(path)) {
      cache.set(path, fetch(ds.index + path).then((r) => {
        if (!r.ok) throw new Error(r.status + ' ' + path);
        return json ? r.json() : r.text();
      }));
    }
    return cache.get(path);
  };
  const manifest = () => get('index.json', true);

  // Folding, words and variants: as Fold, Words and Variant in fold.go.
  const LETTERS = { 'ß': 'ss', 'ẞ': 'ss', 'æ': 'ae', 'Æ': 'ae', 'œ': 'oe', 'Œ': 'oe', 'ø': 'o', 'Ø': 'o', 'ł': 'l', 'Ł': 'l', 'đ': 'd', 'Đ': 'd', 'ð': 'd', 'Ð': 'd', 'þ': 'th', 'Þ': 'th', 'ı': 'i' };
  const fold = (s) => s.normalize('NFD').replace(/\p{Mn}/gu, '').replace(/[ßẞæÆœŒøØłŁđĐðÐþÞı]/g, (c) => LETTERS[c]).toLowerCase();
  const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{Mn}]*/gu;
  const len = (s) => [...s].length;
  const words = (s) => {
    const out = [];
    for (const m of s.matchAll(WORD)) {
      const w = fold(m[0]);
      if (len(w) >= 2 && len(w) <= 40) out.push({ word: w, start: m.index, end: m.index + m[0].length });
    }
    return out;
  };
  const DIGRAPHS = [['sch', 's'], ['tch', 'c'], ['kh', 'h'], ['gh', 'g'], ['ph', 'f'], ['th', 't'], ['dh', 'd'], ['zh', 'j'], ['sh', 's'], ['ch', 'c'], ['ck', 'k'], ['ie', 'i'], ['ou', 'u'], ['oo', 'u']];
  const SUB = { q: 'k', g: 'k', c: 'k', w: 'v', z: 's', y: 'i' };
  const variant = (w) => {
    if (len(w) < 4) return '';
    for (const [a, b] of DIGRAPHS) w = w.split(a).join(b);
    let out = '';
    let last = '';
    for (let r of w) {
      r = SUB[r] || r;
      if (r !== last) out += r;
      last = r;
    }
    return out;
  };

  // Positions: differences in base 36, comma-separated.
  const positions = (s) => {
    const out = [];
    let last = 0;
    for (const d of s.trim().split(',')) {
      if (d === '') continue;
      last += parseInt(d, 36);
      out.push(last);
    }
    return out;
  };
  const intersect = (a, b) => {
    const out = [];
    for (let i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else { out.push(a[i]); i++; j++; }
    }
    return out;
  };
  const union = (a, b) => [...new Set([...a, ...b])].sort((x, y) => x - y);

  // The shard that holds key: the last non-empty one starting at or before it.
  const shardOf = (m, key) => {
    let best = -1;
    for (let i = 0; i < m.shards.length; i++) {
      const s = m.shards[i];
      if (s === null) continue;
      if (s <= key) best = i;
      else break;
    }
    return best;
  };
  const rows = async (m, i) => (await get('t/' + i + '.txt')).split('\n').filter((l) => l).map((l) => {
    const [key, forms, post] = l.split('\t');
    return { key, forms: forms ? forms.split(' ') : [], post };
  });
  // The rows whose key is key, or starts with it when prefix is set.
  const lookup = async (m, key, prefix) => {
    const out = [];
    for (let i = shardOf(m, key), n = 0; i >= 0 && i < m.shards.length && n < 8; n++) {
      for (const r of await rows(m, i)) {
        if (r.key === key || (prefix && r.key.startsWith(key))) out.push(r);
      }
      // The matching rows go on in the next shard only if it starts with them.
      let j = i + 1;
      while (j < m.shards.length && m.shards[j] === null) j++;
      if (!prefix || j >= m.shards.length || !m.shards[j].startsWith(key)) break;
      i = j;
    }
    return out;
  };
  // A word matches every word of its stem, the words it begins (from three
  // letters), and the names it is a spelling variant of.
  const term = async (m, w, forms) => {
    const found = await lookup(m, w, len(w) >= 3);
    const v = variant(w);
    if (v) found.push(...await lookup(m, '~' + v, false));
    let post = [];
    for (const r of found) {
      post = union(post, positions(r.post));
      if (r.key[0] !== '~') forms.add(r.key);
      r.forms.forEach((f) => forms.add(f));
    }
    return post;
  };

  // Dates as in the URL contract: YYYY, YYYY-MM or YYYY-MM-DD, as the
  // first and last day they cover, numbers YYYYMMDD (see search.Bounds).
  const day = (s, last) => {
    const m = /^(-?\d{4,})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s.trim());
    if (!m || m[1].length > 9) return null;
    const month = m[2] ? +m[2] : (last ? 12 : 1);
    const d = m[3] ? +m[3] : (last ? 31 : 1);
    if (month < 1 || month > 12 || d < 1 || d > 31) return null;
    const y = +m[1];
    return y * 10000 + month * 100 + d;
  };
  const chunkDates = async (k) => (await get('c/' + k + '.txt')).split('\n').filter((l) => l).map((l) => {
    const [lo, hi] = l.split(' ');
    return [+lo, hi === undefined ? +lo : +hi];
  });

  // query is what the URL asks for.
  const query = (params) => {
    const q = { text: (params.get('q') || '').trim(), records: {}, from: null, to: null, bad: false };
    for (const k of KINDS) q.records[k] = [...new Set(params.getAll(k).filter((id) => /^[a-z0-9][a-z0-9._-]*$/.test(id)))];
    for (const [name, last] of [['from', false], ['to', true]]) {
      const v = (params.get(name) || '').trim();
      if (!v) continue;
      const d = day(v, last);
      if (d === null) q.bad = true;
      else q[name] = d;
    }
    return q;
  };

  // run finds the positions of the entries that match q, in timeline order,
  // and the folded words to highlight.
  const run = async (q) => {
    const m = await manifest();
    const forms = new Set();
    let found = null; // null: every entry
    const and = (p) => { found = found === null ? p : intersect(found, p); };
    const ws = [...new Set(words(q.text).map((w) => w.word))];
    for (const w of ws) and(await term(m, w, forms));
    for (const k of KINDS) {
      for (const id of q.records[k]) {
        try {
          and(positions(await get('f/' + k + '/' + id + '.txt')));
        } catch (e) {
          and([]); // a record that does not exist (any more) matches nothing
        }
      }
    }
    if (q.from !== null || q.to !== null) {
      const from = q.from === null ? -Infinity : q.from;
      const to = q.to === null ? Infinity : q.to;
      const out = [];
      for (let k = 0; k < m.dates.length; k++) {
        const [lo, hi] = m.dates[k];
        if (lo > to) break; // entries are ordered by their lower bound
        if (hi < from) continue;
        const start = k * m.chunk;
        const end = Math.min(m.n, start + m.chunk);
        const here = found === null ? null : found.filter((p) => p >= start && p < end);
        if (here !== null && here.length === 0) continue;
        const bounds = await chunkDates(k);
        for (const p of here || Array.from({ length: end - start }, (_, i) => start + i)) {
          const [l, h] = bounds[p - start];
          if (l <= to && h >= from) out.push(p);
        }
      }
      found = out;
    }
    if (found === null) found = [];
    return { found, forms };
  };

  // Results: the entry, its date and its best passage, highlighted.
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const marked = (parent, text, forms) => {
    let at = 0;
    for (const w of words(text)) {
      if (!forms.has(w.word)) continue;
      parent.append(text.slice(at, w.start), el('mark', '', text.slice(w.start, w.end)));
      at = w.end;
    }
    parent.append(text.slice(at));
    return parent;
  };
  // The passage to show: the first with a match, cut around the match.
  const passage = (doc, forms) => {
    for (const p of doc.p) {
      const hit = words(p).find((w) => forms.has(w.word));
      if (hit) {
        const start = Math.max(0, p.lastIndexOf(' ', Math.max(0, hit.start - 80)));
        const end = p.indexOf(' ', Math.min(p.length, hit.end + 160));
        return (start > 0 ? '…' : '') + p.slice(start, end < 0 ? p.length : end).trim() + (end < 0 ? '' : ' …');
      }
    }
    const p = doc.p[0] || '';
    const end = p.indexOf(' ', 200);
    return end < 0 ? p : p.slice(0, end) + ' …';
  };
  // n is the search that shows them: a later one may have begun since.
  const show = async (found, forms, from, n) => {
    const page = found.slice(from, from + PAGE);
    const docs = await Promise.all(page.map((p) => get('d/' + p + '.json', true)));
    if (n !== seq) return;
    for (const doc of docs) {
      const li = el('li', 'search-result');
      const h = el('h2', 'search-title');
      const a = marked(el('a'), doc.t, forms);
      a.href = ds.root + 'entries/' + doc.i + '/';
      h.append(a);
      li.append(h, el('p', 'search-date', doc.d), marked(el('p', 'search-passage'), passage(doc, forms), forms));
      list.append(li);
    }
    more.hidden = from + PAGE >= found.length;
  };

  // The form and the URL: each describes the other.
  const chipsOf = (k) => root.querySelector('.search-kind[data-kind="' + k + '"] .search-chips');
  const names = {};
  const loadKind = (k) => get('f/' + k + '.json', true).then((recs) => {
    names[k] = new Map(recs.map((r) => [r[0], r[1]]));
    const sel = form.querySelector('#search-' + k);
    if (sel.options.length > 1) return;
    for (const [id, name, n] of recs) sel.append(new Option(name + ' (' + n + ')', id));
  });
  const loadKinds = () => Promise.all(KINDS.map(loadKind)).catch(() => {});
  const addChip = (k, id) => {
    const chips = chipsOf(k);
    if (chips.querySelector('input[value="' + CSS.escape(id) + '"]')) return;
    // Until the records are loaded, a record is shown by its id.
    const name = names[k] ? names[k].get(id) || ds.msgUnknown.replace('{id}', id) : id;
    const li = el('li', 'search-chip', name + ' ');
    const input = el('input');
    input.type = 'hidden';
    input.name = k;
    input.value = id;
    const x = el('button', '', '×');
    x.type = 'button';
    x.setAttribute('aria-label', ds.msgRemove.replace('{name}', name));
    x.addEventListener('click', () => { li.remove(); go(); });
    li.append(input, x);
    chips.append(li);
  };
  const fill = (params) => {
    qInput.value = params.get('q') || '';
    fromInput.value = params.get('from') || '';
    toInput.value = params.get('to') || '';
    for (const k of KINDS) {
      chipsOf(k).replaceChildren();
      for (const id of params.getAll(k)) addChip(k, id);
    }
    if (KINDS.some((k) => params.has(k)) || params.has('from') || params.has('to')) filters.open = true;
  };
  const params = () => {
    const p = new URLSearchParams();
    const add = (k, v) => { if (v.trim()) p.append(k, v.trim()); };
    add('q', qInput.value);
    for (const k of KINDS) chipsOf(k).querySelectorAll('input').forEach((i) => add(k, i.value));
    add('from', fromInput.value);
    add('to', toInput.value);
    return p;
  };

  let seq = 0;
  // The count in the page's language (see app.js).
  const counted = (c) => window.Dateline.counted(ds.msgCount, c, {}, ds.digits);
  let current = null;
  const search = async (p) => {
    const n = ++seq;
    const q = query(p);
    list.replaceChildren();
    more.hidden = true;
    root.classList.remove('search-done');
    delete root.dataset.count;
    if (q.bad) {
      status.textContent = ds.msgBadDate;
      return;
    }
    if (!q.text && !q.from && !q.to && !KINDS.some((k) => q.records[k].length)) {
      status.textContent = '';
      return;
    }
    status.textContent = ds.msgLoading;
    try {
      const r = await run(q);
      if (n !== seq) return;
      current = r;
      const c = r.found.length;
      root.dataset.count = c;
      status.textContent = c === 0 ? ds.msgNone : counted(c);
      await show(r.found, r.forms, 0, n);
    } catch (e) {
      if (n === seq) status.textContent = ds.msgError;
    }
    if (n === seq) root.classList.add('search-done');
  };
  const go = () => {
    const p = params();
    const s = p.toString();
    history.replaceState(null, '', s ? '?' + s : location.pathname);
    search(p);
  };

  let timer = 0;
  qInput.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(go, 250); });
  form.addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(timer); go(); });
  for (const input of [fromInput, toInput]) input.addEventListener('change', go);
  for (const k of KINDS) {
    const sel = form.querySelector('#search-' + k);
    sel.addEventListener('change', () => {
      if (sel.value) addChip(k, sel.value);
      sel.value = '';
      go();
    });
  }
  filters.addEventListener('toggle', () => { if (filters.open) loadKinds(); });
  more.addEventListener('click', () => {
    if (current) show(current.found, current.forms, list.children.length, seq);
  });
  window.addEventListener('popstate', () => {
    const p = new URLSearchParams(location.search);
    fill(p);
    search(p);
  });

  const start = new URLSearchParams(location.search);
  fill(start);
  if (filters.open) {
    loadKinds().then(() => {
      for (const k of KINDS) chipsOf(k).replaceChildren();
      for (const k of KINDS) for (const id of start.getAll(k)) addChip(k, id);
    });
  }
  search(start);
})();
