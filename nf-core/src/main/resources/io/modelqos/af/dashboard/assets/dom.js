// Builds DOM nodes. Text always goes in as text (never as HTML), so no value from the API can become markup.

/**
 * h('td', {class: 'num'}, 'text', node, ...): attributes (on* handlers as listeners; data-* and others as attributes)
 * and children (strings become text nodes; null and false are skipped; arrays are flattened).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'hidden' || name === 'disabled' || name === 'selected' || name === 'required') {
      el[name] = Boolean(value);
    } else if (name === 'value') {
      el.value = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) {
      append(el, child);
    } else {
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A definition list of [term, value] pairs (pairs with a null value are left out). */
export function facts(pairs, attrs) {
  return h('dl', { class: 'facts', ...attrs },
    pairs.filter(([, v]) => v != null).flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

/** A state badge. */
export function stateBadge(state) {
  return h('span', { class: `badge st-${state}`, 'data-state': state }, state);
}
