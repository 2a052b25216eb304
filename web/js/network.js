// The network of linked cases around one case: to a depth of 1 to 3 cases,
// drawn with Cytoscape (cases, people, selectors and places each a shape
// and colour of its own, with text labels), and the same links as a table;
// the graph as a PNG and the links as a CSV, both made in the browser. What
// the user may not see is only counted, in words.
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, readField, writeField } from '/js/form.js';
import { kindLabels } from '/js/links.js';
import { cell, emptyRow, signedInPage, stackLabels } from '/js/shell.js';

const me = await signedInPage();
const here = new URLSearchParams(window.location.search);
const caseId = here.get('case') || '';

const depthField = {
  id: 'depth', label: 'How far to look', kind: 'radios',
  options: [
    { value: '1', label: '1 step: the cases joined to this one' },
    { value: '2', label: '2 steps: and the cases joined to those' },
    { value: '3', label: '3 steps: one step further' },
  ],
};

const edgeWords = {
  potential_victim: 'Potential victim',
  suspect: 'Suspect',
  witness: 'Witness',
  other: 'Other part',
  recorded_in: 'Selector recorded',
  about: 'About',
  recruitment: 'Place of recruitment',
  transit: 'Place of transit',
  exploitation: 'Place of exploitation',
};
const nodeNouns = { case: 'Case', person: 'Person', selector: 'Selector', place: 'Place' };

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

// "Case MS-2026-0001", "Phone number +44 7700 900123", "Person Amy Smith".
function nodeName(n) {
  if (n.kind === 'selector') return `${n.selector_kind_label || kindLabels[n.selector_kind] || 'Selector'} ${n.label}`;
  return `${nodeNouns[n.kind] || n.kind} ${n.label}`;
}

// Words joined as people write them: "a, b and c".
function listWords(parts) {
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function summaryWords(net) {
  const count = (k) => net.nodes.filter((n) => n.kind === k).length;
  const parts = [plural(count('case'), 'case', 'cases'), plural(count('person'), 'person', 'people'),
    plural(count('selector'), 'selector', 'selectors'), plural(count('place'), 'place', 'places')];
  return `${listWords(parts)}, joined by ${plural(net.edges.length, 'link', 'links')}, looking ${plural(net.depth, 'step', 'steps')} out.`;
}

// What is withheld, in words.
function withheldWords(w) {
  const said = [];
  if (w.cases) said.push(`${plural(w.cases, 'linked case is', 'linked cases are')} not one you may read, so ${w.cases === 1 ? 'it is' : 'they are'} not drawn or named, nor followed further.`);
  if (w.people) said.push(`${plural(w.people, 'person', 'people')} you may not see (suspects) ${w.people === 1 ? 'is' : 'are'} left out${w.selectors ? `, with ${plural(w.selectors, 'selector', 'selectors')} about them` : ''}.`);
  else if (w.selectors) said.push(`${plural(w.selectors, 'selector', 'selectors')} about people you may not see ${w.selectors === 1 ? 'is' : 'are'} left out.`);
  if (!said.length) said.push('Nothing linked to this case is withheld from you.');
  return said;
}

// A CSV cell: quoted when it must be, and never read as a formula by a
// spreadsheet (a leading =, +, -, @, tab or carriage return gets a ').
export function csvCell(v) {
  let s = String(v ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

// Cytoscape, loaded once. It would add a <style> of its own to the head,
// which the Content Security Policy refuses: the element it looks for is
// put there first, and waymark.css gives the box the position it sets.
let loading = null;
function loadCytoscape() {
  if (!loading) {
    if (!document.getElementById('__________cytoscape_stylesheet')) {
      document.head.append(Object.assign(document.createElement('meta'), { id: '__________cytoscape_stylesheet' }));
    }
    loading = new Promise((resolve) => {
      const script = Object.assign(document.createElement('script'), { src: '/vendor/cytoscape.js' });
      script.addEventListener('load', () => resolve(window.cytoscape || null));
      script.addEventListener('error', () => resolve(null)); // the table still shows every link
      document.head.append(script);
    });
  }
  return loading;
}

const graphStyle = [
  { selector: 'node', style: {
    label: 'data(label)', 'font-family': 'Arial, sans-serif', 'font-size': 11, color: '#0b0c0c',
    'text-valign': 'bottom', 'text-margin-y': 4, 'text-wrap': 'wrap', 'text-max-width': 110,
    'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 1,
    width: 26, height: 26,
  } },
  { selector: 'node[kind = "case"]', style: { shape: 'round-rectangle', 'background-color': '#1d70b8', width: 38, height: 26 } },
  { selector: 'node[kind = "case"][?root]', style: { 'border-width': 4, 'border-color': '#0b0c0c', width: 46, height: 32, 'font-weight': 'bold' } },
  { selector: 'node[kind = "person"]', style: { shape: 'ellipse', 'background-color': '#00703c' } },
  { selector: 'node[kind = "selector"]', style: { shape: 'diamond', 'background-color': '#f47738', width: 30, height: 30 } },
  { selector: 'node[kind = "place"]', style: { shape: 'triangle', 'background-color': '#4c2c92', width: 30, height: 28 } },
  { selector: 'edge', style: {
    width: 2, 'line-color': '#505a5f', 'curve-style': 'bezier', label: 'data(words)', 'font-size': 9, color: '#505a5f',
    'text-background-color': '#ffffff', 'text-background-opacity': 1, 'text-background-padding': 1,
  } },
  { selector: ':selected', style: { 'border-width': 3, 'border-color': '#ffdd00', 'line-color': '#0b0c0c' } },
];

let cy = null;
let shown = null;

async function drawGraph(net, reference) {
  const box = document.getElementById('graph');
  const cytoscape = await loadCytoscape();
  box.setAttribute('aria-label', `Graph of the network around ${reference}: ${summaryWords(net)} The same links are in the table below.`);
  if (!cytoscape) {
    box.hidden = true;
    document.getElementById('download-png').hidden = true;
    return;
  }
  if (cy) cy.destroy();
  cy = cytoscape({
    container: box,
    elements: [
      ...net.nodes.map((n) => ({ data: { id: n.id, label: n.label, kind: n.kind, depth: n.depth, root: n.id === `case:${net.case_id}` } })),
      ...net.edges.map((e, i) => ({ data: { id: `edge-${i}`, source: e.source, target: e.target, words: (edgeWords[e.kind] || e.kind).toLowerCase() } })),
    ],
    style: graphStyle,
    // Force-directed, labels counted in each point's size so that they
    // do not overlap; a small network is not blown up past reading size.
    layout: { name: 'cose', animate: false, fit: true, padding: 30, nodeDimensionsIncludeLabels: true, idealEdgeLength: () => 90, nodeRepulsion: () => 9000, componentSpacing: 80 },
    minZoom: 0.2,
    maxZoom: 3,
    wheelSensitivity: 0.2,
    boxSelectionEnabled: false,
  });
  if (cy.zoom() > 1.4) {
    cy.zoom(1.4);
    cy.center();
  }
  // A case's point opens it.
  cy.on('tap', 'node[kind = "case"]', (e) => {
    const id = e.target.id().slice(5);
    if (id !== net.case_id) window.location.assign(`/case?id=${encodeURIComponent(id)}`);
  });
}

// Arrow keys pan the focused graph, + and - zoom, 0 fits it.
function graphKeys() {
  const box = document.getElementById('graph');
  box.addEventListener('keydown', (e) => {
    if (!cy) return;
    const step = 40;
    const moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const centre = { x: box.clientWidth / 2, y: box.clientHeight / 2 };
    if (moves[e.key]) cy.panBy({ x: moves[e.key][0], y: moves[e.key][1] });
    else if (e.key === '+' || e.key === '=') cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: centre });
    else if (e.key === '-' || e.key === '_') cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: centre });
    else if (e.key === '0') {
      cy.fit(undefined, 30);
      if (cy.zoom() > 1.4) {
        cy.zoom(1.4);
        cy.center();
      }
    }
    else return;
    e.preventDefault();
  });
}

function showTable(net) {
  const byId = Object.fromEntries(net.nodes.map((n) => [n.id, n]));
  const body = document.getElementById('edges-body');
  body.replaceChildren();
  const end = (row, n) => {
    if (n.kind === 'case') return cell(row, nodeName(n), { href: `/case?id=${encodeURIComponent(n.id.slice(5))}` });
    if (n.kind === 'person' && n.record_id) return cell(row, nodeName(n), { href: `/person?id=${encodeURIComponent(n.record_id)}` });
    return cell(row, nodeName(n));
  };
  for (const e of net.edges) {
    const row = document.createElement('tr');
    row.className = 'govuk-table__row';
    end(row, byId[e.source]);
    cell(row, edgeWords[e.kind] || e.kind);
    end(row, byId[e.target]);
    body.append(row);
  }
  if (!net.edges.length) emptyRow(body, 'No links: no other case shares a person, a selector or a postcode with this one.', 3);
  stackLabels(body.closest('table'));
}

function csvOf(net) {
  const byId = Object.fromEntries(net.nodes.map((n) => [n.id, n]));
  const lines = [['source', 'target', 'kind']];
  for (const e of net.edges) lines.push([byId[e.source].label, byId[e.target].label, e.kind]);
  return `${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

async function show(depth, reference) {
  const res = await api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/network?depth=${encodeURIComponent(depth)}`);
  if (res.status !== 200) {
    if (res.status === 422) showErrors([{ field: 'depth', message: 'Choose how far to look: 1, 2 or 3 steps' }]);
    else if (res.status === 404 || res.status === 403 || res.status === 401) await showProblem(res.status);
    else showErrors([{ field: null, message: 'The network could not be drawn just now. Try again.' }]);
    return;
  }
  showErrors([]);
  const net = res.body;
  shown = { net, reference };
  document.getElementById('network-summary').textContent = summaryWords(net);
  const withheld = document.getElementById('withheld');
  withheld.replaceChildren(...withheldWords(net.withheld).map((t) => Object.assign(document.createElement('p'), { className: 'govuk-body govuk-!-margin-bottom-1', textContent: t })));
  document.getElementById('truncated').hidden = !net.truncated;
  document.getElementById('network-body').hidden = false;
  showTable(net);
  await drawGraph(net, reference);
}

if (me) {
  const kase = await api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}`);
  if (kase.status !== 200) {
    await showProblem(kase.status);
  } else {
    const c = kase.body;
    document.title = `Network of linked cases: ${c.reference} – Waymark`;
    document.getElementById('reference').textContent = `${c.reference}: ${c.title}`;
    document.getElementById('back').href = `/case?id=${encodeURIComponent(c.id)}`;
    const form = document.getElementById('depth-form');
    addFields(document.getElementById('depth-fields'), [depthField]);
    document.querySelector('#depth-group .govuk-radios').classList.add('govuk-radios--inline');
    const asked = ['1', '2', '3'].includes(here.get('depth')) ? here.get('depth') : '1';
    writeField(depthField, asked);
    form.hidden = false;
    graphKeys();
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const depth = readField(depthField) || '1';
      const p = new URLSearchParams(window.location.search);
      p.set('depth', depth);
      window.history.replaceState(null, '', `/network?${p}`);
      await show(depth, c.reference);
    });
    document.getElementById('download-png').addEventListener('click', async () => {
      if (!cy) return;
      const blob = await cy.png({ output: 'blob-promise', bg: '#ffffff', full: true, scale: 2 });
      download(blob, `network-${c.reference}-depth-${shown.net.depth}.png`);
    });
    document.getElementById('download-csv').addEventListener('click', () => {
      if (!shown) return;
      download(new Blob([csvOf(shown.net)], { type: 'text/csv;charset=utf-8' }), `network-${c.reference}-depth-${shown.net.depth}.csv`);
    });
    await show(asked, c.reference);
  }
}
