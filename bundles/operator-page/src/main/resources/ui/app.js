// The operator page: "Interfaces → MQTT interfaces" of a FLOW device, on top of /api/v1 (docs/operator-api.md).
// Plain script, no framework, no build step. Two rules hold throughout:
//  - every text that comes from outside (names, broker messages, log lines, payloads) goes into the page with
//    textContent or value, never as markup, so `<img src=x onerror=...>` stays a string;
//  - every write carries the session's CSRF token (X-CSRF-Token).
'use strict';

(() => {
  const API = new URL('../api/v1', document.baseURI).pathname; // relative, so a proxy may mount the runtime under a path
  const POLL_INTERFACES_MS = 2000;
  const POLL_LOG_MS = 1000;
  const POLL_DIAGNOSTICS_MS = 10000;
  const MAX_LOG_LINES = 1000;
  const STEP_LABELS = { dns: 'DNS', tcp: 'TCP', socket: 'Socket', tls: 'TLS', connack: 'CONNACK', puback: 'PUBACK', qos: 'QoS' };
  const STATE_LABELS = {
    connected: 'connected', disconnected: 'disconnected', invalid_configuration: 'invalid', connecting: 'connecting',
    disabled: 'disabled', queue_failed: 'queue failed', active: 'active', waiting_for_source: 'waiting for source',
    waiting_for_interface: 'waiting for interface', unknown: 'unknown', starting: 'starting',
  };
  const POLICY_LABELS = { create: 'On create', update: 'On update', close: 'On closing' };
  const SECURE_SCHEMES = ['wss', 'mqtts', 'ssl'];
  const ENVELOPE_KEYS = new Set(['device_id', 'event_id', 'event_state', 'revision', 'message_id', 'seq']);

  const session = { csrf: null, user: null };
  const view = {
    interfaces: new Map(), // name -> interface object from the API
    cards: new Map(), // name -> {root, parts}
    editing: null, // the interface in the settings form; null: a new one
    uploads: {}, // property -> path returned by POST /files, for the form being edited
    logs: null, // {name, since, lines}
    outputsFor: null, // interface name whose outputs are shown
    outputs: new Map(), // output name -> output object
    outputRows: new Map(),
    editingOutput: null,
    sources: [],
    widgets: [],
    blockName: null,
    timers: new Set(),
    generation: 0, // bumped at logout: answers of requests started before are dropped
  };

  // ---------------------------------------------------------------- small DOM helpers (text only, never markup)

  const $ = (id) => document.getElementById(id);

  /** An element with a class and a text; children appended. */
  function el(tag, className, text, ...children) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    children.forEach((c) => c && node.append(c));
    return node;
  }

  function button(text, action, className) {
    const b = el('button', className, text);
    b.type = 'button';
    b.dataset.action = action;
    return b;
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  function pad(n, width = 2) {
    return String(n).padStart(width, '0');
  }

  /** Local time as 2026-11-25 14:01:47 (the same on every browser, unlike toLocaleString). */
  function dateTime(ms) {
    if (!ms || ms <= 0) return '—';
    const d = new Date(ms);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }

  function timeOfDay(ms) {
    const d = new Date(ms);
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  }

  function bytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let v = Number(n);
    let i = 0;
    while (Math.abs(v) >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
  }

  function duration(ms) {
    const s = Math.round(ms / 1000);
    if (Math.abs(ms) < 1000) return `${ms} ms`;
    if (s < 60) return `${s} s`;
    if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
    if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
    return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
  }

  function stateKey(state) {
    return String(state || 'unknown').toLowerCase();
  }

  function stateBadge(state) {
    const key = stateKey(state);
    return el('span', `badge state-${key}`, STATE_LABELS[key] || key.replace(/_/g, ' '));
  }

  // ---------------------------------------------------------------- HTTP

  class ApiError extends Error {
    constructor(status, body, retryAfter) {
      super((body && body.error) || `HTTP ${status}`);
      this.status = status;
      this.body = body || {};
      this.retryAfter = retryAfter;
    }
  }

  /**
   * One call to the API. JSON in and out unless a raw body and its type are given. A 401 on anything but the
   * session itself means the session ended: back to the login form.
   */
  async function api(method, path, body, contentType) {
    const generation = view.generation;
    const headers = { Accept: 'application/json' };
    if (method !== 'GET' && session.csrf) headers['X-CSRF-Token'] = session.csrf;
    let payload;
    if (body !== undefined) {
      headers['Content-Type'] = contentType || 'application/json';
      payload = contentType ? body : JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(API + path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
    } catch (networkError) {
      banner('The runtime does not answer; retrying…');
      throw new ApiError(0, { error: 'the runtime does not answer' });
    }
    banner(null);
    const text = await response.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (notJson) {
        data = { error: text.slice(0, 200) };
      }
    }
    if (generation !== view.generation) throw new ApiError(0, { error: 'logged out meanwhile' });
    if (response.status === 401 && path !== '/session') {
      loggedOut('Your session has ended: please log in again.');
    }
    if (!response.ok) throw new ApiError(response.status, data, response.headers.get('Retry-After'));
    return data;
  }

  const enc = encodeURIComponent;

  function banner(message) {
    const b = $('banner');
    b.textContent = message || '';
    show(b, !!message);
  }

  /** Runs fn now and then every ms after it finished, until logout. */
  function every(ms, fn) {
    const generation = view.generation;
    const timer = { id: 0, stopped: false };
    const run = async () => {
      if (timer.stopped || generation !== view.generation) return;
      try {
        await fn();
      } catch (e) {
        if (!(e instanceof ApiError)) console.error(e);
      }
      if (!timer.stopped && generation === view.generation) timer.id = setTimeout(run, ms);
    };
    timer.stop = () => {
      timer.stopped = true;
      clearTimeout(timer.id);
      view.timers.delete(timer);
    };
    view.timers.add(timer);
    run();
    return timer;
  }

  // ---------------------------------------------------------------- login

  async function start() {
    wire();
    try {
      loggedIn(await api('GET', '/session'));
    } catch (e) {
      loggedOut(e.status === 401 || e.status === 0 ? null : e.message);
    }
  }

  function loggedIn(data) {
    session.csrf = data.csrfToken;
    session.user = data.username;
    $('who-name').textContent = data.username;
    $('login-password').value = '';
    show($('login'), false);
    show($('who'), true);
    show($('app'), true);
    every(POLL_INTERFACES_MS, refreshInterfaces);
    every(POLL_DIAGNOSTICS_MS, refreshDiagnostics);
  }

  /** Back to the login form; everything shown before is cleared so nothing stays on screen. */
  function loggedOut(message) {
    view.generation++;
    [...view.timers].forEach((t) => t.stop());
    session.csrf = null;
    session.user = null;
    closeSettings();
    closeLogs();
    closeOutputs();
    view.interfaces.clear();
    view.cards.clear();
    $('interface-list').replaceChildren();
    document.querySelectorAll('.diag-body').forEach((b) => b.replaceChildren());
    show($('app'), false);
    show($('who'), false);
    show($('login'), true);
    const error = $('login-error');
    error.textContent = message || '';
    show(error, !!message);
    $('login-username').focus();
  }

  async function login(event) {
    event.preventDefault();
    const error = $('login-error');
    const submit = $('login-submit');
    submit.disabled = true;
    try {
      const data = await api('POST', '/session', { username: $('login-username').value, password: $('login-password').value });
      show(error, false);
      loggedIn(data);
    } catch (e) {
      let text = e.message;
      if (e.status === 429) text = `Too many failed attempts: try again in ${e.retryAfter || 'a few'} s.`;
      error.textContent = text;
      show(error, true);
      $('login-password').select();
    } finally {
      submit.disabled = false;
    }
  }

  async function logout() {
    try {
      await api('DELETE', '/session');
    } catch (e) {
      // the session may be gone already; the page logs out either way
    }
    loggedOut('You are logged out.');
  }

  // ---------------------------------------------------------------- MQTT interfaces (the list)

  async function refreshInterfaces() {
    const list = await api('GET', '/interfaces');
    const seen = new Set();
    view.interfaces.clear();
    for (const iface of list) {
      view.interfaces.set(iface.name, iface);
      seen.add(iface.name);
      renderCard(iface);
    }
    for (const [name, card] of view.cards) {
      if (!seen.has(name)) {
        card.root.remove();
        view.cards.delete(name);
      }
    }
    // keep the API's order (sorted by name)
    const container = $('interface-list');
    list.forEach((iface) => container.append(view.cards.get(iface.name).root));
    show($('interfaces-empty'), list.length === 0);
    if (view.outputsFor) await refreshOutputs();
  }

  /** Creates the card of an interface once and updates its texts in place, so nothing flickers or goes stale. */
  function renderCard(iface) {
    let card = view.cards.get(iface.name);
    if (!card) {
      card = buildCard(iface.name);
      view.cards.set(iface.name, card);
    }
    const p = card.parts;
    const status = iface.status || {};
    const props = iface.properties || {};
    const key = iface.status ? stateKey(status.state) : 'starting'; // configured, its service not (yet) registered
    card.root.dataset.state = key;
    p.badge.className = `badge state-${key}`;
    p.badge.textContent = STATE_LABELS[key] || key.replace(/_/g, ' ');
    p.detail.textContent = status.detail || '';
    show(p.detail, !!status.detail && key !== 'connected');
    p.broker.textContent = status.broker || props.address || '—';
    p.since.textContent = status.since ? dateTime(status.since) : '—';
    const c = status.counters || {};
    p.counters.replaceChildren(...['queued', 'accepted', 'delivered', 'dropped', 'rejected', 'failed', 'reconnects', 'deadLettered']
      .map((name) => el('span', 'counter', null, el('b', null, c[name] ?? 0), ` ${name === 'deadLettered' ? 'dead letters' : name}`)));
    p.lastError.textContent = status.lastError || 'none';
    p.lastError.classList.toggle('error', !!status.lastError);
    p.certs.replaceChildren(...certificateLines(status.certificates || []));
    show(p.certsRow, (status.certificates || []).length > 0);
    p.warnings.replaceChildren(...(status.warnings || []).map((w) => el('li', 'warn', w)));
    show(p.warnings, (status.warnings || []).length > 0);
    const enabled = props.enabled !== false && props.enabled !== 'false';
    p.toggle.textContent = enabled ? 'Disable' : 'Enable';
    p.toggle.dataset.action = enabled ? 'disable' : 'enable';
  }

  function buildCard(name) {
    const root = el('article', 'card interface');
    root.dataset.name = name;
    const badge = el('span', 'badge');
    const head = el('header', 'card-head', null, el('h3', 'name', name), badge);
    const detail = el('p', 'detail');
    const facts = el('dl', 'facts');
    const row = (label, value) => {
      const wrap = el('div', 'fact', null, el('dt', null, label), el('dd', null, null, value));
      facts.append(wrap);
      return wrap;
    };
    const broker = el('span', 'broker');
    const since = el('span');
    const counters = el('span', 'counters');
    const lastError = el('span', 'last-error');
    const certs = el('ul', 'certs');
    row('Broker', broker);
    row('Since', since);
    row('Counters', counters);
    row('Last error', lastError);
    const certsRow = row('Certificates', certs);
    const warnings = el('ul', 'warnings');
    const toggle = button('Disable', 'disable');
    const actions = el('div', 'actions', null, button('Edit', 'edit'), toggle, button('Show logs', 'logs'),
      button('Outputs', 'outputs'), button('Delete', 'delete', 'danger'));
    actions.addEventListener('click', (e) => {
      const action = e.target.closest('button') && e.target.closest('button').dataset.action;
      if (action) cardAction(name, action);
    });
    root.append(head, detail, facts, warnings, actions);
    return { root, parts: { badge, detail, broker, since, counters, lastError, certs, certsRow, warnings, toggle } };
  }

  function certificateLines(certificates) {
    const now = Date.now();
    return certificates.map((cert) => {
      const days = Math.floor((cert.notAfter - now) / 86400000);
      const when = cert.notAfter < now ? 'expired' : days < 1 ? 'expires today' : `in ${days} day${days === 1 ? '' : 's'}`;
      const li = el('li', null, `${cert.role}: ${cert.subject} — valid until ${dateTime(cert.notAfter)} (${when})`);
      if (cert.notAfter < now) li.className = 'error';
      else if (days < 30) li.className = 'warn';
      return li;
    });
  }

  async function cardAction(name, action) {
    const iface = view.interfaces.get(name);
    if (!iface) return;
    try {
      if (action === 'edit') openSettings(iface);
      else if (action === 'logs') openLogs(name);
      else if (action === 'outputs') openOutputs(name);
      else if (action === 'enable' || action === 'disable') {
        const properties = { ...iface.properties, enabled: action === 'enable' };
        renderCard(await api('PUT', `/interfaces/${enc(name)}`, { properties }));
        await refreshInterfaces();
      } else if (action === 'delete') {
        if (!(await confirmDelete(`Delete the MQTT interface “${name}”? Its outputs stop publishing.`))) return;
        await api('DELETE', `/interfaces/${enc(name)}`);
        if (view.editing && view.editing.name === name) closeSettings();
        if (view.logs && view.logs.name === name) closeLogs();
        if (view.outputsFor === name) closeOutputs();
        await refreshInterfaces();
      }
    } catch (e) {
      if (e.status > 0 && e.status !== 401) banner(`${name}: ${e.message}`); // 0: said already, or logged out
    }
  }

  /** The page's own confirmation (a native confirm() would block the page and cannot be styled). */
  function confirmDelete(text) {
    const dialog = $('confirm');
    $('confirm-text').textContent = text;
    dialog.returnValue = '';
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
      dialog.showModal();
      $('confirm-cancel').focus();
    });
  }

  // ---------------------------------------------------------------- Interface settings (the form)

  const form = () => $('interface-form');
  const BOOLEAN_FIELDS = ['useClientCertificate', 'useCaCertificate', 'verifyServerCertificate', 'disableHostnameVerification', 'showLogs'];
  const BOOLEAN_DEFAULTS = { verifyServerCertificate: true };

  function bool(value, fallback) {
    if (value === undefined || value === null || value === '') return fallback;
    return value === true || value === 'true';
  }

  function openSettings(iface) {
    view.editing = iface;
    view.uploads = {};
    const props = (iface && iface.properties) || {};
    const secrets = (iface && iface.secrets) || {};
    clearErrors(form());
    $('settings-for').textContent = iface ? iface.name : '(new)';
    $('if-name').value = iface ? iface.name : '';
    const addresses = String(props.address || '').split(',').map((a) => a.trim()).filter(Boolean);
    $('if-address').value = addresses[0] || '';
    $('if-failover').value = addresses.slice(1).join('\n');
    $('if-qos').value = String(props.qos ?? 1);
    $('if-username').value = props.username || '';
    setSecret('password', secrets.password);
    setSecret('clientKeyPassword', secrets.clientKeyPassword);
    BOOLEAN_FIELDS.forEach((name) => { $(`if-${name}`).checked = bool(props[name], BOOLEAN_DEFAULTS[name] || false); });
    setFileState('clientCertificate', props.clientCertificate, false);
    setFileState('clientKey', props.clientKey, secrets.clientKey);
    setFileState('caCertificate', props.caCertificate, false);
    document.querySelectorAll('#interface-form input[type=file]').forEach((input) => { input.value = ''; });
    $('if-topicPrefix').value = props.topicPrefix ?? 'flow';
    const custom = props.deviceIdType === 'CUSTOM';
    $('if-deviceIdType-custom').checked = custom;
    $('if-deviceIdType-block').checked = !custom;
    $('if-customDeviceId').value = props.customDeviceId || '';
    document.querySelectorAll('#advanced [data-prop]').forEach((input) => {
      const value = props[input.dataset.prop];
      if (input.dataset.type === 'bool') input.checked = bool(value, true);
      else input.value = value === undefined || value === null ? '' : String(value);
    });
    $('advanced').open = false;
    show($('test-result'), false);
    $('if-test').disabled = !iface;
    $('if-test-hint').textContent = iface ? 'Tests the saved settings.' : 'Save first to test the connection.';
    syncSettings();
    if (!view.blockName) refreshDiagnostics().catch(() => {}); // for the preview's device ID
    show($('settings'), true);
    $('settings').scrollIntoView({ block: 'start' });
    $('if-name').focus();
  }

  function closeSettings() {
    view.editing = null;
    view.uploads = {};
    // the write-only fields must not keep what was typed
    $('if-password').value = '';
    $('if-clientKeyPassword').value = '';
    show($('settings'), false);
  }

  /** A write-only secret: the form says whether it is set, never what it is; empty input keeps it. */
  function setSecret(name, isSet) {
    $(`if-${name}`).value = '';
    $(`if-${name}`).placeholder = isSet ? 'unchanged' : '';
    $(`if-${name}-clear`).checked = false;
    show($(`if-${name}-clear`).parentElement, !!isSet); // only a secret that is set can be cleared
    const state = $(`if-${name}-state`);
    state.textContent = isSet ? 'set' : 'not set';
    state.className = `secret-state ${isSet ? 'is-set' : 'not-set'}`;
  }

  function setFileState(property, path, inlineSecret) {
    const node = document.querySelector(`[data-file-state="${property}"]`);
    if (path) node.textContent = `In use: ${path}`;
    else if (inlineSecret) node.textContent = 'In use: set inline in the configuration (not shown)';
    else node.textContent = 'Not set';
  }

  /** Shows the parts of the form that apply and the live topic-root preview. */
  function syncSettings() {
    show($('client-cert-fields'), $('if-useClientCertificate').checked);
    show($('ca-cert-fields'), $('if-useCaCertificate').checked);
    const custom = $('if-deviceIdType-custom').checked;
    show($('custom-id-field'), custom);
    $('block-name-hint').textContent = view.blockName ? `(${view.blockName})` : '';
    $('topic-preview').textContent = topicRoot();
  }

  function topicRoot() {
    const custom = $('if-deviceIdType-custom').checked;
    const deviceId = custom ? ($('if-customDeviceId').value || '<custom device ID>') : (view.blockName || '<block name>');
    const prefix = $('if-topicPrefix').value;
    return prefix ? `${prefix}/${deviceId}` : deviceId;
  }

  async function upload(input) {
    const file = input.files && input.files[0];
    const property = input.dataset.target;
    const fieldError = form().querySelector(`[data-error-for="${property}"]`);
    show(fieldError, false);
    if (!file) return;
    const state = document.querySelector(`[data-file-state="${property}"]`);
    state.textContent = `Uploading ${file.name}…`;
    try {
      const pkcs12 = /\.(p12|pfx)$/i.test(file.name);
      const body = pkcs12 ? await file.arrayBuffer() : await file.text();
      const answer = await api('POST', `/files?kind=${enc(input.dataset.upload)}`, body,
        pkcs12 ? 'application/x-pkcs12' : 'text/plain; charset=utf-8');
      view.uploads[property] = answer.path;
      state.textContent = `Uploaded ${file.name}: ${answer.summary || answer.path}`;
    } catch (e) {
      delete view.uploads[property];
      state.textContent = `Not uploaded: ${file.name}`;
      fieldError.textContent = e.message;
      show(fieldError, true);
    }
  }

  /** The configuration to write: what was there (so settings this form does not show are kept), then the form. */
  function settingsFromForm() {
    const props = { ...((view.editing && view.editing.properties) || {}) };
    const name = $('if-name').value.trim();
    props.name = name;
    const failover = $('if-failover').value.split(/[\n,]/).map((a) => a.trim()).filter(Boolean);
    props.address = [$('if-address').value.trim(), ...failover].filter(Boolean).join(',');
    props.qos = Number($('if-qos').value);
    props.username = $('if-username').value;
    for (const secret of ['password', 'clientKeyPassword']) {
      delete props[secret];
      if ($(`if-${secret}`).value) props[secret] = $(`if-${secret}`).value;
      else if ($(`if-${secret}-clear`).checked) props[secret] = ''; // "" clears, left out keeps
    }
    BOOLEAN_FIELDS.forEach((field) => { props[field] = $(`if-${field}`).checked; });
    Object.entries(view.uploads).forEach(([property, path]) => { props[property] = path; });
    props.topicPrefix = $('if-topicPrefix').value;
    props.deviceIdType = $('if-deviceIdType-custom').checked ? 'CUSTOM' : 'BLOCK_NAME';
    props.customDeviceId = $('if-customDeviceId').value;
    document.querySelectorAll('#advanced [data-prop]').forEach((input) => {
      const key = input.dataset.prop;
      if (input.dataset.type === 'bool') props[key] = input.checked;
      else if (input.value === '') delete props[key]; // empty: the default applies
      else if (input.dataset.type === 'number') props[key] = Number.isFinite(Number(input.value)) ? Number(input.value) : input.value;
      else props[key] = input.value;
    });
    if (props.enabled === undefined) props.enabled = true;
    return { name, props };
  }

  async function saveSettings(event) {
    event.preventDefault();
    clearErrors(form());
    const { name, props } = settingsFromForm();
    const save = $('if-save');
    save.disabled = true;
    try {
      const saved = view.editing
        ? await api('PUT', `/interfaces/${enc(view.editing.name)}`, { properties: props })
        : await api('POST', '/interfaces', { name, properties: props });
      view.editing = saved;
      view.uploads = {};
      $('settings-for').textContent = saved.name;
      setSecret('password', saved.secrets && saved.secrets.password);
      setSecret('clientKeyPassword', saved.secrets && saved.secrets.clientKeyPassword);
      $('if-test').disabled = false;
      $('if-test-hint').textContent = 'Saved. Test connection tests these settings.';
      await refreshInterfaces();
    } catch (e) {
      showProblems(form(), e, $('interface-form-error'));
    } finally {
      save.disabled = false;
    }
  }

  function clearErrors(scope) {
    scope.querySelectorAll('.field-error').forEach((p) => { p.textContent = ''; show(p, false); });
    scope.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
    scope.querySelectorAll('p.error[role=alert]').forEach((p) => show(p, false));
  }

  /** A 400's problems next to their fields; what has no field of its own goes to the form's error line. */
  function showProblems(scope, error, formError) {
    if (error.status === 401) return;
    const problems = (error.body && error.body.problems) || [];
    const unplaced = [];
    let first = null;
    for (const problem of problems) {
      const slot = [...scope.querySelectorAll('[data-error-for]')].find((p) => p.dataset.errorFor === problem.property);
      if (!slot) {
        unplaced.push(`${problem.property}: ${problem.message}`);
        continue;
      }
      slot.textContent = slot.textContent ? `${slot.textContent} ${problem.message}` : problem.message;
      show(slot, true);
      const details = slot.closest('details');
      if (details) details.open = true;
      const input = slot.parentElement.querySelector('input, select, textarea');
      if (input) input.setAttribute('aria-invalid', 'true');
      first = first || slot;
    }
    if (error.status === 409) {
      const slot = scope.querySelector('[data-error-for="name"]');
      slot.textContent = error.message;
      show(slot, true);
      first = first || slot;
    }
    formError.textContent = [error.message, ...unplaced].join(' ');
    show(formError, true);
    (first || formError).scrollIntoView({ block: 'center' });
  }

  // ---------------------------------------------------------------- Test connection

  async function testConnection() {
    if (!view.editing) return;
    const name = view.editing.name;
    const result = $('test-result');
    const addresses = $('test-addresses');
    const testButton = $('if-test');
    testButton.disabled = true;
    $('test-summary').textContent = 'running…';
    $('test-summary').className = 'muted';
    // the steps to expect, until the answer replaces them with what happened
    const address = String(view.editing.properties.address || '').split(',')[0].trim();
    const scheme = address.split(':')[0].toLowerCase();
    const expected = ['dns', scheme === 'unix' ? 'socket' : 'tcp', ...(SECURE_SCHEMES.includes(scheme) ? ['tls'] : []), 'connack', 'puback', 'qos'];
    addresses.replaceChildren(addressResult({ address, steps: expected.map((s) => ({ name: s, pending: true })) }));
    show(result, true);
    result.scrollIntoView({ block: 'nearest' });
    try {
      const checks = await api('POST', `/interfaces/${enc(name)}/test`);
      addresses.replaceChildren(...checks.map(addressResult));
      const ok = checks.length > 0 && checks.every((c) => c.ok);
      $('test-summary').textContent = ok ? 'passed' : 'failed';
      $('test-summary').className = ok ? 'badge state-connected' : 'badge state-invalid_configuration';
    } catch (e) {
      $('test-summary').textContent = e.message;
      $('test-summary').className = 'error';
      addresses.replaceChildren();
    } finally {
      testButton.disabled = false;
    }
  }

  function addressResult(check) {
    const list = el('ol', 'steps');
    for (const step of check.steps || []) {
      const outcome = step.pending ? '…' : step.ok ? 'ok' : 'FAILED';
      const li = el('li', `step ${step.pending ? 'pending' : step.ok ? 'ok' : 'fail'}`, null,
        el('span', 'step-name', STEP_LABELS[step.name] || step.name),
        el('span', 'step-outcome', outcome),
        el('span', 'step-millis', step.pending ? '' : `${step.millis} ms`),
        el('span', 'step-detail', step.detail || ''));
      li.dataset.step = step.name;
      list.append(li);
    }
    return el('div', 'address-result', null, el('p', 'address', check.address), list);
  }

  // ---------------------------------------------------------------- Show logs

  function openLogs(name) {
    closeLogs();
    const iface = view.interfaces.get(name);
    view.logs = { name, since: 0, lines: 0 };
    $('logs-for').textContent = name;
    $('log-lines').replaceChildren();
    const full = iface && bool(iface.properties.showLogs, false);
    $('logs-hint').textContent = full
      ? 'Following the communication log live: every publish and delivery, connection changes and errors.'
      : 'Show logs is off for this interface: only connection changes and errors are logged. Turn on “Show logs” in its settings to follow every publish.';
    show($('logs'), true);
    $('logs').scrollIntoView({ block: 'start' });
    const logs = view.logs;
    logs.timer = every(POLL_LOG_MS, () => pollLog(logs));
  }

  async function pollLog(logs) {
    if (view.logs !== logs) return;
    let answer;
    try {
      answer = await api('GET', `/interfaces/${enc(logs.name)}/log?since=${logs.since}`);
    } catch (e) {
      if (e.status === 404) {
        $('logs-hint').textContent = 'This interface no longer exists.';
        logs.timer.stop();
      }
      throw e;
    }
    if (view.logs !== logs) return;
    const list = $('log-lines');
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    for (const entry of answer.entries || []) {
      const kind = String(entry.kind || '').toLowerCase();
      const li = el('li', `log-line kind-${kind}`, null, el('time', null, timeOfDay(entry.timestamp)),
        el('span', 'kind', kind), el('span', 'message', entry.message));
      list.append(li);
      logs.lines++;
    }
    while (list.childElementCount > MAX_LOG_LINES) list.firstElementChild.remove();
    if (typeof answer.next === 'number' && answer.next > logs.since) logs.since = answer.next;
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  function closeLogs() {
    if (view.logs && view.logs.timer) view.logs.timer.stop();
    view.logs = null;
    show($('logs'), false);
  }

  // ---------------------------------------------------------------- Outputs

  function openOutputs(name) {
    view.outputsFor = name;
    view.outputs.clear();
    view.outputRows.clear();
    $('output-rows').replaceChildren();
    $('outputs-for').textContent = `of ${name}`;
    closeOutputForm();
    show($('outputs'), true);
    $('outputs').scrollIntoView({ block: 'start' });
    refreshOutputs().catch(() => {});
  }

  function closeOutputs() {
    view.outputsFor = null;
    closeOutputForm();
    show($('outputs'), false);
  }

  async function refreshOutputs() {
    const all = await api('GET', '/outputs');
    const mine = all.filter((o) => o.properties && o.properties.interface === view.outputsFor);
    const seen = new Set();
    view.outputs.clear();
    const body = $('output-rows');
    for (const output of mine) {
      view.outputs.set(output.name, output);
      seen.add(output.name);
      let row = view.outputRows.get(output.name);
      if (!row) {
        row = buildOutputRow(output.name);
        view.outputRows.set(output.name, row);
      }
      fillOutputRow(row, output);
      body.append(row.root);
    }
    for (const [name, row] of view.outputRows) {
      if (!seen.has(name)) {
        row.root.remove();
        view.outputRows.delete(name);
      }
    }
    show($('outputs-empty'), mine.length === 0);
    show($('output-table'), mine.length > 0);
  }

  function buildOutputRow(name) {
    const root = el('tr', 'output');
    root.dataset.name = name;
    const cells = {};
    for (const key of ['name', 'source', 'selection', 'policy', 'state', 'last']) {
      cells[key] = el('td', `col-${key}`);
      cells[key].dataset.label = { name: 'Name', source: 'Source', selection: 'Selection', policy: 'Policy', state: 'State', last: 'Last publish' }[key];
      root.append(cells[key]);
    }
    cells.name.textContent = name;
    const toggle = button('Disable', 'disable');
    const actions = el('td', 'col-actions', null, button('Edit', 'edit'), toggle, button('Delete', 'delete', 'danger'));
    actions.addEventListener('click', (e) => {
      const b = e.target.closest('button');
      if (b) outputAction(name, b.dataset.action);
    });
    root.append(actions);
    return { root, cells, toggle };
  }

  function fillOutputRow(row, output) {
    const props = output.properties || {};
    const status = output.status || {};
    const source = props.source || 'widgets';
    row.cells.source.textContent = source;
    row.cells.selection.textContent = source === 'widgets' ? (props.widgets || '*') : `every ${props.interval || '60s'}`;
    row.cells.policy.textContent = policyText(props.policy);
    row.cells.state.replaceChildren(stateBadge(status.state),
      status.detail && stateKey(status.state) !== 'active' ? el('span', 'detail', ` ${status.detail}`) : '');
    const published = status.published ?? 0;
    row.cells.last.textContent = status.lastPublishedAt ? `${dateTime(status.lastPublishedAt)} (${published} sent)` : `never (${published} sent)`;
    const enabled = props.enabled !== false && props.enabled !== 'false';
    row.toggle.textContent = enabled ? 'Disable' : 'Enable';
    row.toggle.dataset.action = enabled ? 'disable' : 'enable';
  }

  function policyText(policy) {
    const parts = String(policy || 'create,update,close').split(',').map((p) => p.trim()).filter(Boolean);
    return parts.map((p) => POLICY_LABELS[p] || p).join(', ');
  }

  async function outputAction(name, action) {
    const output = view.outputs.get(name);
    if (!output) return;
    try {
      if (action === 'edit') await openOutputForm(output);
      else if (action === 'enable' || action === 'disable') {
        await api('PUT', `/outputs/${enc(name)}`, { properties: { ...output.properties, enabled: action === 'enable' } });
        await refreshOutputs();
      } else if (action === 'delete') {
        if (!(await confirmDelete(`Delete the output “${name}”? It stops publishing.`))) return;
        await api('DELETE', `/outputs/${enc(name)}`);
        if (view.editingOutput && view.editingOutput.name === name) closeOutputForm();
        await refreshOutputs();
      }
    } catch (e) {
      if (e.status > 0 && e.status !== 401) banner(`${name}: ${e.message}`); // 0: said already, or logged out
    }
  }

  async function openOutputForm(output) {
    view.editingOutput = output;
    const outForm = $('output-form');
    clearErrors(outForm);
    const props = (output && output.properties) || {};
    $('output-form-for').textContent = output ? output.name : '(new)';
    $('out-name').value = output ? output.name : '';
    // what the runtime has now: the sources present and the widgets seen since start
    const [sources, widgets] = await Promise.all([api('GET', '/sources').catch(() => []), api('GET', '/widgets').catch(() => [])]);
    view.sources = sources.map((s) => s.type);
    view.widgets = widgets;
    const source = props.source || 'widgets';
    const select = $('out-source');
    const types = [...view.sources];
    if (!types.includes(source)) types.push(source);
    select.replaceChildren(...types.map((t) => {
      const option = el('option', null, view.sources.includes(t) ? t : `${t} (not present now)`);
      option.value = t;
      return option;
    }));
    select.value = source;
    fillWidgetPicker(props.widgets || '*');
    const policy = String(props.policy || 'create,update,close').split(',').map((p) => p.trim());
    ['create', 'update', 'close'].forEach((p) => { $(`out-policy-${p}`).checked = policy.includes(p); });
    $('out-qos').value = String(props.qos ?? -1);
    $('out-retain').checked = bool(props.retain, false);
    $('out-interval').value = props.interval || '';
    $('out-topic').value = props.topic || '';
    // minUpdateIntervalMillis is the property's old name (a number of milliseconds): shown in the new form
    $('out-minUpdateInterval').value = props.minUpdateInterval && props.minUpdateInterval !== '0' ? String(props.minUpdateInterval)
      : props.minUpdateIntervalMillis ? `${props.minUpdateIntervalMillis}ms` : '';
    syncOutputForm();
    show(outForm, true);
    outForm.scrollIntoView({ block: 'start' });
    $('out-name').focus();
  }

  /** All, a pick from the widgets seen, or a pattern: whichever describes the current selection exactly. */
  function fillWidgetPicker(selection) {
    const picker = $('out-widget-picker');
    const ids = view.widgets.map((w) => `${w.cube}/${w.analytic}/${w.widget}`);
    const chosen = String(selection).split(',').map((s) => s.trim()).filter(Boolean);
    picker.replaceChildren(...view.widgets.map((w, i) => {
      const box = el('input');
      box.type = 'checkbox';
      box.value = ids[i];
      box.checked = chosen.includes(ids[i]);
      return el('label', 'check', null, box, ` ${ids[i]} `, el('span', null, w.name || ''), el('span', 'muted', ` (${w.type || 'widget'})`));
    }));
    if (view.widgets.length === 0) picker.append(el('p', 'hint', 'No widget has reported since the runtime started; use a pattern.'));
    const all = chosen.length === 0 || (chosen.length === 1 && chosen[0] === '*');
    const picked = !all && chosen.every((c) => ids.includes(c));
    $('out-widgets-all').checked = all;
    $('out-widgets-pick').checked = picked;
    $('out-widgets-pattern-mode').checked = !all && !picked;
    $('out-widgets-pattern').value = all || picked ? '' : chosen.join(', ');
  }

  function syncOutputForm() {
    const source = $('out-source').value;
    show($('out-widgets-field'), source === 'widgets');
    show($('out-interval-field'), source !== 'widgets');
    show($('out-widget-picker'), $('out-widgets-pick').checked);
    show($('out-pattern-field'), $('out-widgets-pattern-mode').checked);
    const root = topicRootOf(view.interfaces.get(view.outputsFor));
    const part = $('out-topic').value || source;
    $('out-topic-preview').textContent = `${root}/${part}${source === 'widgets' ? '/<cube>/<analytic>/<widget>' : ''}`;
  }

  /** The topic root of a saved interface, as the transport forms it. */
  function topicRootOf(iface) {
    const props = (iface && iface.properties) || {};
    const deviceId = props.deviceIdType === 'CUSTOM' ? props.customDeviceId || '<custom device ID>' : view.blockName || '<block name>';
    const prefix = props.topicPrefix ?? 'flow';
    return prefix ? `${prefix}/${deviceId}` : deviceId;
  }

  function closeOutputForm() {
    view.editingOutput = null;
    show($('output-form'), false);
  }

  async function saveOutput(event) {
    event.preventDefault();
    const outForm = $('output-form');
    clearErrors(outForm);
    const props = { ...((view.editingOutput && view.editingOutput.properties) || {}) };
    const name = $('out-name').value.trim();
    props.name = name;
    props.interface = view.outputsFor;
    props.source = $('out-source').value;
    if (props.source === 'widgets') {
      if ($('out-widgets-all').checked) props.widgets = '*';
      else if ($('out-widgets-pick').checked) props.widgets = [...$('out-widget-picker').querySelectorAll('input:checked')].map((b) => b.value).join(',');
      else props.widgets = $('out-widgets-pattern').value.trim();
    }
    props.policy = ['create', 'update', 'close'].filter((p) => $(`out-policy-${p}`).checked).join(',');
    props.qos = Number($('out-qos').value);
    props.retain = $('out-retain').checked;
    if ($('out-interval').value.trim()) props.interval = $('out-interval').value.trim();
    else delete props.interval;
    props.topic = $('out-topic').value.trim();
    const minUpdate = $('out-minUpdateInterval').value.trim();
    delete props.minUpdateIntervalMillis; // the old name is written as the new one
    if (minUpdate === '') delete props.minUpdateInterval;
    else props.minUpdateInterval = minUpdate;
    if (props.enabled === undefined) props.enabled = true;
    // the two mistakes the page can name before the runtime does
    const local = [];
    if (!props.policy) local.push({ property: 'policy', message: 'Choose at least one of On create, On update, On closing.' });
    if (props.source === 'widgets' && !props.widgets) local.push({ property: 'widgets', message: 'Pick at least one widget, or choose All widgets.' });
    if (local.length) {
      showProblems(outForm, new ApiError(400, { error: 'Please correct the marked fields.', problems: local }), $('output-form-error'));
      return;
    }
    const save = $('out-save');
    save.disabled = true;
    try {
      if (view.editingOutput) await api('PUT', `/outputs/${enc(view.editingOutput.name)}`, { properties: props });
      else await api('POST', '/outputs', { name, properties: props });
      closeOutputForm();
      await refreshOutputs();
    } catch (e) {
      showProblems(outForm, e, $('output-form-error'));
    } finally {
      save.disabled = false;
    }
  }

  // ---------------------------------------------------------------- Diagnostics

  async function refreshDiagnostics() {
    const data = (await api('GET', '/diagnostics')) || {};
    for (const article of document.querySelectorAll('[data-diag]')) {
      const type = article.dataset.diag;
      const payload = data[type];
      const body = article.querySelector('.diag-body');
      body.replaceChildren(payload ? renderObject(payload, type) : el('p', 'muted', `No ${type} diagnostics: the ${type} source is not running.`));
    }
    const named = ['processing', 'system', 'network'].map((t) => data[t] && data[t].block_name).find(Boolean);
    if (named && named !== view.blockName) {
      view.blockName = named;
      syncSettings();
    }
  }

  function humanKey(key) {
    const words = String(key).replace(/_per_s$/, ' per second').replace(/_(s|ms|bps)$/, '').replace(/_percent$/, ' %')
      .replace(/_/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  /** A number or text, made readable by what its key says it is. */
  function readable(key, value) {
    if (value === null || value === undefined) return '—';
    if (typeof value === 'boolean') return value ? 'yes' : 'no';
    if (Array.isArray(value)) return value.length ? value.map((v) => readable(key, v)).join(', ') : '—';
    if (typeof value === 'object') return JSON.stringify(value);
    if (typeof value !== 'number') return String(value);
    const k = String(key);
    if (/bytes.*_per_s$/.test(k)) return `${bytes(value)}/s`;
    if (/_per_s$/.test(k)) return `${value}/s`;
    if (/percent$/.test(k)) return `${value} %`;
    if (/_bps$/.test(k)) return `${(value / 1e6).toFixed(0)} Mbit/s`;
    if (/(^|_)(bytes|total|free|used|heap_used|heap_max)$|^bytes_|_bytes$/.test(k)) return bytes(value);
    if (/_ms$/.test(k)) return duration(value);
    if (/_s$/.test(k)) return duration(value * 1000);
    if ((k === 'timestamp' || /_at$/.test(k)) && value > 1e11) return dateTime(value);
    return String(value);
  }

  /** Scalars as a list of terms, objects as groups, lists of objects as tables. */
  function renderObject(obj, key) {
    const wrap = el('div', 'kv-wrap');
    const dl = el('dl', 'kv');
    const groups = [];
    for (const [k, v] of Object.entries(obj)) {
      if (ENVELOPE_KEYS.has(k)) continue;
      if (v && typeof v === 'object' && !Array.isArray(v)) groups.push(el('div', 'kv-group', null, el('h4', null, humanKey(k)), renderObject(v, k)));
      else if (Array.isArray(v) && v.some((x) => x && typeof x === 'object')) groups.push(el('div', 'kv-group', null, el('h4', null, humanKey(k)), renderList(v)));
      else dl.append(el('div', 'kv-row', null, el('dt', null, humanKey(k)), el('dd', null, readable(k, v))));
    }
    if (dl.childElementCount) wrap.append(dl);
    groups.forEach((g) => wrap.append(g));
    return wrap;
  }

  /** A table while it fits a narrow column; wider items (a network interface has some twenty fields) one block each. */
  function renderList(rows) {
    const columns = new Set(rows.flatMap((r) => (r && typeof r === 'object' ? Object.keys(r) : [])));
    if (columns.size <= 8) return renderTable(rows);
    return el('div', 'kv-items', null, ...rows.map((r) => {
      const item = { ...(r || {}) };
      const title = item.name ?? item.id ?? '';
      if (title !== '') delete item[item.name !== undefined ? 'name' : 'id']; // it is the heading
      return el('div', 'kv-item', null, el('h5', null, title), renderObject(item));
    }));
  }

  function renderTable(rows) {
    const columns = [...new Set(rows.flatMap((r) => (r && typeof r === 'object' ? Object.keys(r) : [])))];
    const head = el('tr', null, null, ...columns.map((c) => el('th', null, humanKey(c))));
    const body = rows.map((r) => el('tr', null, null, ...columns.map((c) => {
      const td = el('td', null, readable(c, r && r[c]));
      td.dataset.label = humanKey(c);
      return td;
    })));
    return el('div', 'table-wrap', null, el('table', 'compact', null, el('thead', null, null, head), el('tbody', null, null, ...body)));
  }

  // ---------------------------------------------------------------- wiring

  function wire() {
    $('login-form').addEventListener('submit', login);
    $('logout').addEventListener('click', logout);
    $('add-interface').addEventListener('click', () => openSettings(null));
    form().addEventListener('submit', saveSettings);
    form().addEventListener('input', syncSettings);
    form().addEventListener('change', (e) => {
      syncSettings();
      if (e.target.matches('input[type=file][data-upload]')) upload(e.target);
    });
    $('if-cancel').addEventListener('click', closeSettings);
    $('if-test').addEventListener('click', testConnection);
    $('logs-close').addEventListener('click', closeLogs);
    $('add-output').addEventListener('click', () => openOutputForm(null).catch(() => {}));
    $('outputs-close').addEventListener('click', closeOutputs);
    $('output-form').addEventListener('submit', saveOutput);
    $('output-form').addEventListener('input', syncOutputForm);
    $('output-form').addEventListener('change', syncOutputForm);
    $('out-cancel').addEventListener('click', closeOutputForm);
    $('diagnostics-refresh').addEventListener('click', () => refreshDiagnostics().catch(() => {}));
  }

  document.addEventListener('DOMContentLoaded', start);
})();
