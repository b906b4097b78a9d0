// jgrad playground page: draws what the JVM computes. Nothing here fetches anything off this machine.
'use strict';

const $ = (id) => document.getElementById(id);
let viz = null;                         // Graphviz (WebAssembly), for graph layout only
const vizReady = Viz.instance().then((v) => { viz = v; return v; });

// ------------------------------------------------------------------ shared helpers

function showError(message) {
  const e = $('error');
  if (!message) { e.hidden = true; e.textContent = ''; return; }
  e.hidden = false;
  e.textContent = message;
}

async function api(path, body, raw) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': raw ? 'text/csv' : 'application/json' },
    body: raw ? body : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) {
    const err = new Error(json.error || ('HTTP ' + res.status));
    err.info = json;
    throw err;
  }
  return json;
}

function num(v) { return typeof v === 'number' ? v : Number(v); }
function fmt4(v) {
  v = num(v);
  if (!isFinite(v)) return String(v);
  return v.toFixed(4).replace('-', '\u2212');
}
function fmtLoss(v) { v = num(v); return isFinite(v) ? v.toFixed(6) : String(v); }
function fmtG(v) { v = num(v); return isFinite(v) ? Number(v.toPrecision(5)).toString().replace('-', '\u2212') : String(v); }

// URL state: #view=...&expr=...&train=...  (a link reproduces the setup)
function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  return { view: p.get('view'), expr: p.get('expr'), train: p.get('train') };
}
const state = { view: 'expression', expr: null, train: null };
function writeHash() {
  const p = new URLSearchParams();
  p.set('view', state.view);
  if (state.expr != null) p.set('expr', state.expr);
  if (state.train != null) p.set('train', state.train);
  history.replaceState(null, '', '#' + p.toString());
}

// ------------------------------------------------------------------ graph layout and drawing

const VALUE_W = 3.3, VALUE_H = 0.42, OP_W = 0.45;   // inches, as Graphviz takes them

/** Lays out a graph with Graphviz; nodes: [{id, op, leaf, children}]. Returns positions in points. */
function layout(nodes) {
  const lines = ['digraph G { rankdir=LR; nodesep=0.15; ranksep=0.35; node [fixedsize=true];'];
  for (const n of nodes) {
    lines.push(`v${n.id} [shape=box, width=${VALUE_W}, height=${VALUE_H}, label=""];`);
    if (n.children.length > 0) {
      lines.push(`o${n.id} [shape=circle, width=${OP_W}, height=${OP_W}, label=""];`);
      lines.push(`o${n.id} -> v${n.id};`);
      for (const c of n.children) lines.push(`v${c} -> o${n.id};`);
    }
  }
  lines.push('}');
  const g = viz.renderJSON(lines.join('\n'));
  const bb = g.bb.split(',').map(Number);
  const height = bb[3];
  const pos = {};
  const names = [];
  for (const o of g.objects || []) {
    const [x, y] = o.pos.split(',').map(Number);
    pos[o.name] = { x, y: height - y };
    names.push(o.name);
  }
  const edges = [];
  for (const e of g.edges || []) {
    const draw = (e._draw_ || []).find((d) => d.op === 'b');
    const hdraw = (e._hdraw_ || []).find((d) => d.op === 'P' || d.op === 'p');
    if (!draw) continue;
    const pts = draw.points.map(([x, y]) => [x, height - y]);
    let d = `M${pts[0][0]},${pts[0][1]}`;
    for (let i = 1; i + 2 < pts.length + 1; i += 3) {
      d += `C${pts[i][0]},${pts[i][1]} ${pts[i + 1][0]},${pts[i + 1][1]} ${pts[i + 2][0]},${pts[i + 2][1]}`;
    }
    const head = hdraw ? hdraw.points.map(([x, y]) => [x, height - y]) : null;
    edges.push({ d, head });
  }
  return { pos, edges, width: bb[2], height };
}

/** A pannable, zoomable drawing of a graph; update() refreshes the numbers without a new layout. */
class GraphView {
  constructor(svg) {
    this.svg = d3.select(svg);
    this.root = this.svg.append('g');
    this.zoom = d3.zoom().scaleExtent([0.05, 4]).on('zoom', (ev) => this.root.attr('transform', ev.transform));
    this.svg.call(this.zoom);
    this.signature = null;
  }

  draw(nodes) {
    const sig = nodes.map((n) => n.id + n.op + n.label + ':' + n.children.join(',')).join('|');
    if (sig !== this.signature) {
      this.signature = sig;
      this.build(nodes, layout(nodes));
    }
  }

  build(nodes, lay) {
    this.root.selectAll('*').remove();
    const w = VALUE_W * 72, h = VALUE_H * 72, r = OP_W * 36;
    for (const e of lay.edges) {
      this.root.append('path').attr('class', 'edge').attr('d', e.d);
      if (e.head) this.root.append('polygon').attr('points', e.head.map((p) => p.join(',')).join(' ')).attr('fill', '#555');
    }
    this.groups = {};
    for (const n of nodes) {
      const p = lay.pos['v' + n.id];
      const g = this.root.append('g').attr('class', 'node').attr('data-id', n.id).attr('data-label', n.label || '')
        .attr('transform', `translate(${p.x - w / 2},${p.y - h / 2})`);
      g.append('rect').attr('width', w).attr('height', h).attr('rx', 2);
      g.append('line').attr('x1', w * 0.22).attr('x2', w * 0.22).attr('y1', 0).attr('y2', h).attr('stroke', '#999');
      g.append('line').attr('x1', w * 0.61).attr('x2', w * 0.61).attr('y1', 0).attr('y2', h).attr('stroke', '#999');
      g.append('text').attr('class', 'label').attr('x', w * 0.11).attr('y', h / 2 + 4).attr('text-anchor', 'middle');
      g.append('text').attr('class', 'data').attr('x', w * 0.415).attr('y', h / 2 + 4).attr('text-anchor', 'middle');
      g.append('text').attr('class', 'grad').attr('x', w * 0.805).attr('y', h / 2 + 4).attr('text-anchor', 'middle');
      g.append('title');
      this.groups[n.id] = g;
      if (n.children.length > 0) {
        const q = lay.pos['o' + n.id];
        const o = this.root.append('g').attr('class', 'opnode').attr('transform', `translate(${q.x},${q.y})`);
        o.append('circle').attr('r', r);
        o.append('text').attr('text-anchor', 'middle').attr('y', 4).text(n.op);
      }
    }
    // fit to the view
    // fit to the view; a big graph is shown at a readable scale, its output (on the right) in view
    const box = this.svg.node().getBoundingClientRect();
    const bw = box.width || 800, bh = box.height || 600;
    const fit = Math.min(1, bw / (lay.width + 20), bh / (lay.height + 20));
    const k = Math.max(this.minScale || 0, fit);
    let tx = 10, ty = 10;
    if (k > fit) {
      const out = nodes.length ? lay.pos['v' + nodes[nodes.length - 1].id] : { y: lay.height / 2 };
      tx = bw - 10 - lay.width * k;
      ty = bh / 2 - out.y * k;
    }
    const t = d3.zoomIdentity.translate(tx, ty).scale(k);
    this.svg.call(this.zoom.transform, t);
  }

  /** shown(n) -> {data, grad, pending, cls} per node. */
  update(nodes, shown) {
    for (const n of nodes) {
      const g = this.groups && this.groups[n.id];
      if (!g) continue;
      const s = shown(n);
      g.attr('class', 'node ' + (s.cls || ''));
      g.select('.label').text(n.label || '');
      g.select('.data').text(s.data == null ? 'data ?' : 'data ' + fmt4(s.data)).classed('pending', s.data == null);
      g.select('.grad').text('grad ' + fmt4(s.grad));
      g.select('title').text(`${n.label || '(no label)'}  op ${n.op || 'leaf'}\ndata ${s.data == null ? '(not computed yet)' : s.data}\ngrad ${s.grad}`);
    }
  }
}

// ------------------------------------------------------------------ view 1: expression

const expr = { graph: null, view: null, forward: 0, backward: 0, grads: [], presets: {} };

function nonLeafOrder() {
  return expr.graph.nodes.filter((n) => !n.leaf).map((n) => n.id);
}

async function buildExpression(values) {
  const source = $('source').value;
  state.expr = source;
  writeHash();
  $('expr-error').hidden = true;
  try {
    const g = await api('/api/expression', values ? { source, values } : { source });
    expr.graph = g;
    expr.forward = 0;
    expr.backward = 0;
    await vizReady;
    expr.view.draw(g.nodes);
    const sel = $('nudge-var');
    const prev = sel.value;
    sel.innerHTML = '';
    for (const name of Object.keys(g.variables)) {
      const o = document.createElement('option');
      o.value = o.textContent = name;
      sel.appendChild(o);
    }
    if (prev && g.variables[prev] !== undefined) sel.value = prev;
    renderExpression();
    return g;
  } catch (e) {
    showParseError(source, e);
    return null;
  }
}

function showParseError(source, e) {
  const box = $('expr-error');
  let text = e.message;
  if (e.info && e.info.line) {
    const line = source.split('\n')[e.info.line - 1] || '';
    text += '\n' + line + '\n' + ' '.repeat(Math.max(0, e.info.column - 1)) + '^';
  }
  box.textContent = text;
  box.hidden = false;
}

function runningGrads() {
  const grads = new Array(expr.graph.nodes.length).fill(0);
  const steps = expr.graph.steps;
  for (let i = 0; i < expr.backward; i++) {
    for (const u of steps[i].updates) grads[u.node] = num(u.after);
  }
  return grads;
}

function renderExpression() {
  const g = expr.graph;
  if (!g) return;
  const order = nonLeafOrder();
  const filled = new Set(order.slice(0, expr.forward));
  const grads = runningGrads();
  const stepNow = expr.backward > 0 ? g.steps[expr.backward - 1] : null;
  const updated = new Set(stepNow ? stepNow.updates.map((u) => u.node) : []);
  const active = stepNow ? stepNow.node : (expr.forward > 0 && expr.forward <= order.length && expr.backward === 0 ? order[expr.forward - 1] : -1);
  const shown = (n) => ({
    data: n.leaf || filled.has(n.id) ? n.data : null,
    grad: grads[n.id],
    cls: (n.leaf ? 'leaf ' : '') + (n.id === active ? 'active ' : '') + (updated.has(n.id) && n.id !== active ? 'updated' : ''),
  });
  expr.view.update(g.nodes, shown);
  const tbody = $('expr-table').querySelector('tbody');
  tbody.innerHTML = '';
  for (const n of g.nodes) {
    const s = shown(n);
    const tr = document.createElement('tr');
    tr.dataset.label = n.label || ('#' + n.id);
    if (n.id === active) tr.className = 'active';
    tr.innerHTML = `<td class="name"></td><td class="op"></td><td class="data"></td><td class="grad"></td>`;
    tr.children[0].textContent = n.label || ('#' + n.id);
    tr.children[1].textContent = n.op || 'leaf';
    tr.children[2].textContent = s.data == null ? '?' : fmt4(s.data);
    tr.children[2].dataset.value = s.data == null ? '' : s.data;
    tr.children[3].textContent = fmt4(s.grad);
    tr.children[3].dataset.value = s.grad;
    tbody.appendChild(tr);
  }
  const out = g.nodes[g.output];
  let phase;
  if (expr.forward < order.length) phase = `forward: ${expr.forward} of ${order.length} nodes computed`;
  else if (expr.backward === 0) phase = `forward done: ${out.label || 'output'} = ${fmt4(out.data)}; now step backward`;
  else if (expr.backward < g.steps.length) phase = `backward: step ${expr.backward} of ${g.steps.length}`;
  else phase = `backward done: every grad is d${out.label || 'out'}/d(node)`;
  $('phase').textContent = phase;
  $('step-text').textContent = stepNow ? stepNow.text : (expr.forward > 0 && expr.backward === 0 && active >= 0
    ? forwardText(g.nodes[active]) : '');
}

function forwardText(n) {
  const kids = n.children.map((c) => expr.graph.nodes[c]);
  const names = kids.map((k) => (k.label || fmtG(k.data)) + ' = ' + fmtG(k.data));
  return `${n.label || '#' + n.id} = ${n.op}(${names.join(', ')}) = ${fmtG(n.data)}`;
}

function forwardStep() {
  if (!expr.graph) return;
  const order = nonLeafOrder();
  if (expr.forward < order.length) expr.forward++;
  renderExpression();
}

function backwardStep() {
  if (!expr.graph) return;
  expr.forward = nonLeafOrder().length;   // backward needs the forward pass
  if (expr.backward < expr.graph.steps.length) expr.backward++;
  renderExpression();
}

function runAll() {
  if (!expr.graph) return;
  expr.forward = nonLeafOrder().length;
  expr.backward = expr.graph.steps.length;
  renderExpression();
}

function resetExpression() {
  expr.forward = 0;
  expr.backward = 0;
  renderExpression();
}

async function nudge(all) {
  const g = expr.graph;
  if (!g) return;
  const h = Number($('nudge-h').value);
  if (!isFinite(h)) { $('nudge-text').textContent = 'h must be a number'; return; }
  const before = num(g.nodes[g.output].data);
  const values = Object.assign({}, g.variables);
  const gradOf = (name) => num(g.nodes.find((n) => n.variable && n.label === name).grad);
  let predicted = 0;
  if (all) {
    for (const k of Object.keys(values)) { predicted += gradOf(k) * gradOf(k) * h; values[k] += h * gradOf(k); }
  } else {
    const k = $('nudge-var').value;
    predicted = gradOf(k) * h;
    values[k] += h;
  }
  const g2 = await buildExpression(values);
  if (!g2) return;
  runAll();
  const after = num(g2.nodes[g2.output].data);
  const name = g2.nodes[g2.output].label || 'output';
  $('nudge-text').textContent = `${name}: ${fmtG(before)} → ${fmtG(after)} (moved ${fmtG(after - before)};`
    + ` the gradient predicts ${fmtG(predicted)})`;
  $('nudge-text').dataset.after = after;
}

function initExpression(presets, hashExpr) {
  expr.presets = presets;
  expr.view = new GraphView($('expr-graph'));
  const sel = $('preset');
  for (const [name, src] of Object.entries(presets)) {
    const o = document.createElement('option');
    o.value = name;
    o.textContent = src.split('\n')[0].replace(/^#\s*/, '');
    sel.appendChild(o);
  }
  $('source').value = hashExpr != null ? hashExpr : presets.lecture;
  sel.addEventListener('change', () => { $('source').value = presets[sel.value]; $('nudge-text').textContent = ''; buildExpression(); });
  $('build').addEventListener('click', () => buildExpression());
  $('fwd').addEventListener('click', forwardStep);
  $('bwd').addEventListener('click', backwardStep);
  $('runall').addEventListener('click', runAll);
  $('reset').addEventListener('click', resetExpression);
  $('nudge').addEventListener('click', () => nudge(false));
  $('gradstep').addEventListener('click', () => nudge(true));
  return buildExpression();
}

// ------------------------------------------------------------------ view 2: train

const train = { session: null, source: null, setup: null, latest: null, history: [], graphView: null,
  pending: false, uploadId: '' };

function readConfig() {
  const layers = $('t-layers').value.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  const c = {
    dataset: $('t-dataset').value,
    samples: Math.round(Number($('t-samples').value)),
    noise: Number($('t-noise').value),
    test: Number($('t-test').value),
    seed: Math.round(Number($('t-seed').value)),
    layers,
    activation: $('t-activation').value,
    loss: $('t-loss').value,
    optimizer: $('t-optimizer').value,
    lr: Number($('t-lr').value),
    schedule: $('t-schedule').value,
    l2: Number($('t-l2').value),
    batch: Math.round(Number($('t-batch').value)),
    init: $('t-init').value,
  };
  if (c.dataset === 'upload') c.upload = train.uploadId;
  // the notebook's weights fit only the notebook's network
  if (c.init === 'micrograd' && !(layers.join(',') === '16,16' && c.activation === 'relu')) {
    c.init = 'seed';
    $('t-init').value = 'seed';
  }
  return c;
}

function writeConfig(c) {
  const set = (id, v) => { if (v !== undefined) $(id).value = v; };
  set('t-dataset', c.dataset); set('t-samples', c.samples); set('t-noise', c.noise); set('t-test', c.test);
  set('t-seed', c.seed); if (c.layers) $('t-layers').value = c.layers.join(',');
  set('t-activation', c.activation); set('t-loss', c.loss); set('t-optimizer', c.optimizer); set('t-lr', c.lr);
  set('t-schedule', c.schedule); set('t-l2', c.l2); set('t-batch', c.batch); set('t-init', c.init);
}

async function startTraining(config) {
  showError(null);
  try {
    const res = await api('/api/train/start', config);
    if (train.source) train.source.close();
    train.session = res.session;
    train.history = [];
    const c = Object.assign({}, config);
    delete c.upload;
    state.train = JSON.stringify(c);
    writeHash();
    const es = new EventSource('/api/train/events?session=' + encodeURIComponent(res.session));
    train.source = es;
    es.addEventListener('setup', (ev) => onSetup(JSON.parse(ev.data)));
    es.addEventListener('update', (ev) => onUpdate(JSON.parse(ev.data)));
    es.addEventListener('problem', (ev) => showError(JSON.parse(ev.data).error));
  } catch (e) {
    showError(e.message);
  }
}

async function control(action, extra) {
  if (!train.session) return;
  try {
    await api('/api/train/control', Object.assign({ session: train.session, action }, extra || {}));
  } catch (e) {
    showError(e.message);
  }
}

function onSetup(s) {
  train.setup = s;
  train.history = [];
  train.graphView.signature = null;
  const thead = $('t-params').querySelector('thead');
  thead.innerHTML = '<tr><th>parameter</th><th>value</th><th>grad</th>'
    + s.stateNames.map((n) => `<th>${n === 'exp_avg' ? 'm (exp_avg)' : n === 'exp_avg_sq' ? 'v (exp_avg_sq)' : n}</th>`).join('') + '</tr>';
  const tbody = $('t-params').querySelector('tbody');
  tbody.innerHTML = '';
  for (const name of s.parameters) {
    const tr = document.createElement('tr');
    tr.innerHTML = '<td></td><td></td><td></td>' + s.stateNames.map(() => '<td></td>').join('');
    tr.children[0].textContent = name;
    tbody.appendChild(tr);
  }
  drawPoints();
}

function onUpdate(u) {
  const h = train.history;
  if (h.length > 0 && u.step < h[h.length - 1].step) h.length = 0;
  if (h.length > 0 && u.step === h[h.length - 1].step) h.pop();   // the same step again (with details)
  h.push({ step: u.step, trainLoss: num(u.trainLoss), trainAccuracy: u.trainAccuracy,
    testLoss: u.testLoss === undefined ? null : num(u.testLoss), testAccuracy: u.testAccuracy === undefined ? null : u.testAccuracy });
  if (h.length > 5000) h.splice(0, h.length - 5000);
  train.latest = Object.assign(train.latest && !u.graph ? { graph: train.latest.graph, grads: train.latest.grads, state: train.latest.state } : {}, u);
  if (!train.pending) {
    train.pending = true;
    requestAnimationFrame(drawTrain);
  }
}

function drawTrain() {
  train.pending = false;
  const u = train.latest, s = train.setup;
  if (!u || !s) return;
  $('t-stepcount').textContent = u.step;
  $('t-lrnow').textContent = fmtG(u.lr);
  $('t-trainloss').textContent = fmtLoss(u.trainLoss);
  $('t-trainloss').dataset.value = u.trainLoss;
  $('t-trainacc').textContent = (100 * u.trainAccuracy).toFixed(1) + '%';
  $('t-testloss').textContent = u.testLoss === undefined ? '–' : fmtLoss(u.testLoss);
  $('t-testacc').textContent = u.testAccuracy === undefined ? '–' : (100 * u.testAccuracy).toFixed(1) + '%';
  const ref = s.reference;
  $('t-notebook').textContent = ref && u.step < ref.length ? fmtLoss(ref[u.step]) : '–';
  drawBoundary(u, s);
  drawNetwork(u, s);
  drawCurves();
  if (u.grads) drawParams(u, s);
  if (u.graph) drawPointGraph(u.graph);
}

const blue = (t) => d3.interpolateRgb('#ffffff', '#1e88e5')(t);
const orange = (t) => d3.interpolateRgb('#ffffff', '#fb8c00')(t);
function scoreColor(v, scale) {
  const t = Math.max(-1, Math.min(1, v / scale));
  return d3.color(t >= 0 ? blue(t * 0.8) : orange(-t * 0.8));
}

function gridImage(values, n, scale) {
  const c = document.createElement('canvas');
  c.width = n; c.height = n;
  const ctx = c.getContext('2d');
  const img = ctx.createImageData(n, n);
  for (let i = 0; i < n * n; i++) {
    const col = scoreColor(values[i], scale);
    img.data[4 * i] = col.r; img.data[4 * i + 1] = col.g; img.data[4 * i + 2] = col.b; img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  return c;
}

function drawBoundary(u, s) {
  const canvas = $('t-boundary');
  const ctx = canvas.getContext('2d');
  const n = s.grid;
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(gridImage(u.boundary, n, 2 * s.boundaryScale), 0, 0, canvas.width, canvas.height);
  const svg = d3.select('#t-overlay');
  const contours = d3.contours().size([n, n]).thresholds([0])(Array.from(u.boundary));
  const k = canvas.width / (n - 1);
  const path = d3.geoPath(d3.geoTransform({ point(x, y) { this.stream.point((x - 0.5) * k, (y - 0.5) * k); } }));
  let c = svg.select('path.contour');
  if (c.empty()) c = svg.insert('path', ':first-child').attr('class', 'contour').attr('fill', 'none').attr('stroke', '#222').attr('stroke-width', 1.5);
  c.attr('d', path(contours[0]));
}

function drawPoints() {
  const s = train.setup;
  const svg = d3.select('#t-overlay');
  svg.selectAll('circle').remove();
  const [x0, x1, y0, y1] = s.bounds;
  const W = 360;
  const sx = (x) => (x - x0) / (x1 - x0) * W, sy = (y) => (y1 - y) / (y1 - y0) * W;
  const color = (l) => (l === 1 ? '#0d47a1' : '#e65100');
  s.test.forEach((p) => svg.append('circle').attr('class', 'test').attr('cx', sx(p[0])).attr('cy', sy(p[1])).attr('r', 4)
    .attr('fill', 'white').attr('stroke', color(p[2])).attr('stroke-width', 2));
  s.train.forEach((p, i) => svg.append('circle').attr('class', 'train').attr('cx', sx(p[0])).attr('cy', sy(p[1])).attr('r', i === s.point ? 6 : 3.5)
    .attr('fill', color(p[2])).attr('stroke', i === s.point ? '#d50000' : 'white').attr('stroke-width', i === s.point ? 2.5 : 1)
    .style('cursor', 'pointer').on('click', () => { s.point = i; drawPoints(); control('point', { point: i }); }));
}

function drawNetwork(u, s) {
  const svg = d3.select('#t-network');
  const W = 520, H = 380, shape = s.shape;
  const cols = shape.length;
  const size = Math.max(10, Math.min(26, (H - 20) / Math.max(...shape) - 2));
  const xs = (l) => 20 + l * (W - 40 - size) / (cols - 1);
  const ys = (l, j) => (H - shape[l] * (size + 2)) / 2 + j * (size + 2);
  const edges = [];
  let p = 0;
  for (let l = 1; l < cols; l++) {
    for (let j = 0; j < shape[l]; j++) {
      for (let i = 0; i < shape[l - 1]; i++) edges.push({ l, j, i, w: u.values[p++] });
      p++;   // the bias
    }
  }
  let eg = svg.select('g.edges');
  if (eg.empty()) { eg = svg.append('g').attr('class', 'edges'); svg.append('g').attr('class', 'neurons'); }
  eg.selectAll('line').data(edges).join('line')
    .attr('x1', (e) => xs(e.l - 1) + size).attr('y1', (e) => ys(e.l - 1, e.i) + size / 2)
    .attr('x2', (e) => xs(e.l)).attr('y2', (e) => ys(e.l, e.j) + size / 2)
    .attr('stroke', (e) => (e.w >= 0 ? '#1e88e5' : '#fb8c00'))
    .attr('stroke-width', (e) => Math.min(4, 0.3 + Math.abs(e.w) * 1.2)).attr('stroke-opacity', 0.6);
  const cells = [];
  for (let l = 0; l < cols; l++) {
    for (let j = 0; j < shape[l]; j++) {
      let href = null;
      if (l > 0 && l < cols - 1) href = gridImage(u.neurons[l - 1][j], s.neuronGrid, s.neuronScale).toDataURL();
      cells.push({ l, j, href });
    }
  }
  const ng = svg.select('g.neurons');
  ng.selectAll('rect').data(cells).join('rect').attr('x', (c) => xs(c.l)).attr('y', (c) => ys(c.l, c.j))
    .attr('width', size).attr('height', size).attr('fill', (c) => (c.l === 0 ? '#cfd8dc' : c.l === cols - 1 ? '#fff9c4' : 'none'))
    .attr('stroke', '#333');
  ng.selectAll('image').data(cells.filter((c) => c.href)).join('image').attr('x', (c) => xs(c.l)).attr('y', (c) => ys(c.l, c.j))
    .attr('width', size).attr('height', size).attr('href', (c) => c.href).attr('preserveAspectRatio', 'none');
  ng.selectAll('text').data([{ l: 0, j: 0, t: 'x1' }, { l: 0, j: 1, t: 'x2' }, { l: cols - 1, j: 0, t: 'score' }]).join('text')
    .attr('x', (c) => xs(c.l) + size / 2).attr('y', (c) => ys(c.l, c.j) + size / 2 + 4).attr('text-anchor', 'middle')
    .attr('font-size', 9).text((c) => c.t);
}

function drawCurves() {
  const svg = d3.select('#t-curves');
  const W = 420, H = 220, m = { l: 40, r: 40, t: 10, b: 24 };
  const h = train.history;
  svg.selectAll('*').remove();
  if (h.length === 0) return;
  const x = d3.scaleLinear().domain([h[0].step, Math.max(h[0].step + 1, h[h.length - 1].step)]).range([m.l, W - m.r]);
  const maxLoss = d3.max(h, (d) => Math.max(d.trainLoss, d.testLoss || 0)) || 1;
  const y = d3.scaleLinear().domain([0, Math.min(maxLoss, 10)]).range([H - m.b, m.t]);
  const ya = d3.scaleLinear().domain([0, 1]).range([H - m.b, m.t]);
  svg.append('g').attr('transform', `translate(0,${H - m.b})`).call(d3.axisBottom(x).ticks(6));
  svg.append('g').attr('transform', `translate(${m.l},0)`).call(d3.axisLeft(y).ticks(5));
  svg.append('g').attr('transform', `translate(${W - m.r},0)`).call(d3.axisRight(ya).ticks(5, '%'));
  const line = (acc, yy) => d3.line().defined((d) => acc(d) != null && isFinite(acc(d))).x((d) => x(d.step)).y((d) => yy(Math.min(acc(d), 10)));
  const series = [
    ['trainLoss', y, '#c62828', null], ['testLoss', y, '#c62828', '4 3'],
    ['trainAccuracy', ya, '#2e7d32', null], ['testAccuracy', ya, '#2e7d32', '4 3']];
  for (const [k, yy, color, dash] of series) {
    if (h.every((d) => d[k] == null)) continue;
    svg.append('path').datum(h).attr('fill', 'none').attr('stroke', color).attr('stroke-dasharray', dash)
      .attr('stroke-width', 1.5).attr('d', line((d) => d[k], yy));
  }
  svg.append('text').attr('x', m.l + 4).attr('y', m.t + 10).attr('font-size', 10).attr('fill', '#c62828').text('loss (train —, test - -)');
  svg.append('text').attr('x', W - m.r - 4).attr('y', m.t + 10).attr('font-size', 10).attr('fill', '#2e7d32')
    .attr('text-anchor', 'end').text('accuracy');
}

function drawParams(u, s) {
  const rows = $('t-params').querySelector('tbody').children;
  for (let i = 0; i < rows.length && i < u.values.length; i++) {
    const c = rows[i].children;
    c[1].textContent = fmtG(u.values[i]);
    c[2].textContent = fmtG(u.grads[i]);
    s.stateNames.forEach((n, k) => { c[3 + k].textContent = fmtG(u.state[n][i]); });
  }
}

async function drawPointGraph(g) {
  await vizReady;
  $('t-graph-summary').textContent = `point ${g.point}: ${g.summary}`;
  const nodes = g.nodes.map((n) => Object.assign({}, n, { leaf: n.children.length === 0 }));
  train.graphView.draw(nodes);
  train.graphView.update(nodes, (n) => ({ data: n.data, grad: n.grad,
    cls: (n.role === 'parameter' ? 'parameter ' : n.children.length === 0 ? 'leaf ' : '') + (n.cut ? 'cut' : '') }));
}

async function uploadCsv() {
  const f = $('t-csv').files[0];
  if (!f) return;
  try {
    const res = await api('/api/upload', await f.text(), true);
    train.uploadId = res.upload;
    $('t-dataset').value = 'upload';
    $('t-upload-note').textContent = `${f.name}: ${res.rows} rows, classes ${res.classes.join(', ')}`;
    showError(null);
  } catch (e) {
    showError(e.message);
  }
}

function initTrain(hashTrain) {
  train.graphView = new GraphView($('t-graph'));
  train.graphView.minScale = 0.45;
  let config = {};
  if (hashTrain) {
    try { config = JSON.parse(hashTrain); } catch (e) { showError('the link\'s train setup is not valid JSON: ' + e.message); }
    writeConfig(config);
  }
  $('t-apply').addEventListener('click', () => startTraining(readConfig()));
  $('t-play').addEventListener('click', () => control('play'));
  $('t-pause').addEventListener('click', () => control('pause'));
  $('t-step').addEventListener('click', () => control('step'));
  $('t-reset').addEventListener('click', () => control('reset'));
  $('t-csv').addEventListener('change', uploadCsv);
  window.addEventListener('pagehide', () => { if (train.source) train.source.close(); });
}

// ------------------------------------------------------------------ start

function show(view) {
  state.view = view;
  for (const v of ['expression', 'train']) {
    $('view-' + v).hidden = v !== view;
    $('tab-' + v).classList.toggle('active', v === view);
  }
  writeHash();
  if (view === 'train' && !train.session) startTraining(readConfig());
  if (view === 'expression' && expr.graph) { expr.view.signature = null; expr.view.draw(expr.graph.nodes); renderExpression(); }
  if (view === 'train' && train.latest && train.latest.graph) { train.graphView.signature = null; drawPointGraph(train.latest.graph); }
}

async function main() {
  const hash = readHash();
  const res = await fetch('/api/presets');
  const presets = await res.json();
  state.expr = hash.expr;
  state.train = hash.train;
  document.querySelectorAll('.tab').forEach((b) => b.addEventListener('click', () => show(b.dataset.view)));
  initTrain(hash.train);
  const view = hash.view === 'train' ? 'train' : 'expression';
  await vizReady;
  await initExpression(presets.expressions, hash.expr);
  show(view);
  document.body.dataset.ready = 'true';
}

// a link pasted into this tab (another #setup) starts afresh
window.addEventListener('hashchange', () => location.reload());

main().catch((e) => showError('the page could not start: ' + e.message));
