// kg explorer: search an entity, draw its neighbourhood with Cytoscape.js, expand nodes on
// click, and show the evidence sentences and quotes of what is selected.
'use strict';

const colors = {
  Person: '#e07a5f', Firm: '#3d85c6', Organization: '#6a4c93', Country: '#2a9d8f',
  Location: '#8ab17d', Product: '#e9c46a', Event: '#b5838d',
};

async function gql(query, variables) {
  const resp = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await resp.json();
  if (body.errors && body.errors.length) {
    throw new Error(body.errors.map(e => e.message).join('; '));
  }
  return body.data;
}

const searchQuery = `query Search($text: String!) { search(text: $text, first: 12) { id name type mentionCount } }`;

const entityQuery = `query Entity($id: ID!) {
  entity(id: $id) {
    id name type aliases mentionCount
    relations(direction: BOTH, first: 40) {
      edges { node {
        id relation value text confidence
        subject { id name type }
        object { id name type }
        evidence { article { id title } sentence snippet }
      } }
    }
    said(first: 10) { edges { node { text verb article { id title } } } }
    quotedAbout(first: 10) { edges { node { speakerText text verb article { id title } } } }
  }
}`;

const cy = cytoscape({
  container: document.getElementById('graph'),
  wheelSensitivity: 0.3,
  style: [
    { selector: 'node', style: {
      'label': 'data(label)', 'background-color': 'data(color)', 'font-size': 11,
      'text-valign': 'bottom', 'text-margin-y': 3, 'width': 22, 'height': 22,
    } },
    { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#333' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f4a261' } },
    { selector: 'edge', style: {
      'label': 'data(label)', 'font-size': 9, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle',
      'width': 1.5, 'line-color': '#aaa', 'target-arrow-color': '#aaa', 'text-rotation': 'autorotate',
      'text-background-color': '#fafafa', 'text-background-opacity': 1,
    } },
    { selector: 'edge:selected', style: { 'line-color': '#f4a261', 'target-arrow-color': '#f4a261', 'width': 3 } },
  ],
});
window.cy = cy; // for the browser test and the console

const facts = new Map(); // relation id -> relation

function addNode(e) {
  if (!cy.getElementById(e.id).length) {
    cy.add({ group: 'nodes', data: { id: e.id, label: e.name, type: e.type, color: colors[e.type] || '#999' } });
  }
}

// expand adds an entity and the entities it shares facts with, and shows its details.
async function expand(id) {
  const data = await gql(entityQuery, { id });
  const e = data.entity;
  if (!e) return;
  addNode(e);
  for (const { node: r } of e.relations.edges) {
    if (!r.object || !r.subject) continue; // literal facts stay in the panel
    addNode(r.subject);
    addNode(r.object);
    facts.set(r.id, r);
    if (!cy.getElementById(r.id).length) {
      cy.add({ group: 'edges', data: { id: r.id, source: r.subject.id, target: r.object.id, label: r.relation } });
    }
  }
  cy.getElementById(e.id).addClass('expanded');
  cy.layout({ name: 'cose', animate: false, nodeRepulsion: 9000, idealEdgeLength: 90 }).run();
  showEntity(e);
}

function el(tag, attrs, ...children) {
  const n = document.createElement(tag);
  Object.assign(n, attrs || {});
  for (const c of children) n.append(c);
  return n;
}

function showEntity(e) {
  const d = document.getElementById('details');
  d.replaceChildren(
    el('h2', {}, e.name, el('span', { className: 'type' }, `${e.type} · ${e.mentionCount} article(s)`)),
    e.aliases.length ? el('p', {}, 'Also: ' + e.aliases.join(', ')) : '',
  );
  const facts = e.relations.edges.map(x => x.node);
  if (facts.length) {
    const ul = el('ul');
    for (const r of facts) {
      const obj = r.object ? r.object.name : `“${r.value}”`;
      const li = el('li', {}, `${r.subject ? r.subject.name : '?'} ${r.relation} ${obj}`);
      for (const ev of r.evidence.slice(0, 2)) {
        if (ev.snippet) li.append(el('div', { className: 'snippet' }, `${ev.snippet} — ${ev.article ? ev.article.id : ''}`));
      }
      ul.append(li);
    }
    d.append(el('h3', {}, 'Facts'), ul);
  }
  const quotes = (title, list, who) => {
    if (!list.length) return;
    d.append(el('h3', {}, title));
    for (const { node: q } of list) {
      d.append(el('div', { className: 'quote' }, `${who(q)}「${q.text}」(${q.verb || ''}) — ${q.article ? q.article.title || q.article.id : ''}`));
    }
  };
  quotes('Said', e.said.edges, () => '');
  quotes('Quoted about', e.quotedAbout.edges, q => q.speakerText + ': ');
}

function showFact(r) {
  const d = document.getElementById('details');
  d.replaceChildren(el('h2', {}, `${r.subject.name} ${r.relation} ${r.object.name}`),
    el('p', {}, `${r.text || ''} · confidence ${r.confidence.toFixed(2)}`));
  const ul = el('ul');
  for (const ev of r.evidence) {
    ul.append(el('li', {}, el('div', { className: 'snippet' }, ev.snippet || `sentence ${ev.sentence}`),
      `${ev.article ? ev.article.title || ev.article.id : ''}`));
  }
  d.append(el('h3', {}, 'Evidence'), ul);
}

cy.on('tap', 'node', ev => expand(ev.target.id()).catch(showError));
cy.on('tap', 'edge', ev => { const r = facts.get(ev.target.id()); if (r) showFact(r); });

function showError(err) {
  document.getElementById('details').replaceChildren(el('p', { className: 'hint' }, 'Error: ' + err.message));
}

document.getElementById('search-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const text = document.getElementById('search').value.trim();
  if (!text) return;
  const box = document.getElementById('results');
  try {
    const data = await gql(searchQuery, { text });
    box.replaceChildren(...(data.search.length ? data.search.map(e => {
      const b = el('button', { type: 'button' }, e.name, el('span', { className: 'type' }, `${e.type} · ${e.mentionCount}`));
      b.dataset.id = e.id;
      b.addEventListener('click', () => { cy.elements().remove(); facts.clear(); expand(e.id).catch(showError); });
      return b;
    }) : [el('p', { className: 'hint' }, 'Nothing found.')]));
  } catch (err) {
    showError(err);
  }
});

const start = new URLSearchParams(location.search).get('entity');
if (start) expand(start).catch(showError);
