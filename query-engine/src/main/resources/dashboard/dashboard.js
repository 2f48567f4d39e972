// Tributary's dashboard: the pipe's own panels (the projector's shards, the read model's builds) and every
// domain's panels, redrawn every 10 s from the query service's reports with an analyst's token.
// The token comes from the URL fragment (#token=…), or is asked for once and kept for this browser tab.
//
// A domain adds panels with a script of its own, META-INF/tributary/dashboard.js in its query module,
// which the query service serves with every other domain's as domains.js:
//
//   tributary.domain('ledger', ui => {
//     ui.chart('volume', 'Transfer volume', { wide: true, empty: 'No transfers yet.' });
//     return async () => {                       // called on every refresh
//       const rows = await ui.get('/reports/transfer-volume?…');
//       ui.draw('volume', 'bar', labels, datasets);
//     };
//   });
//
// The ui it is given is below (const ui). A domain whose refresh fails shows its error; the others go on.
(() => {
  const REFRESH_MS = 10_000;
  const LABEL_CHARS = 32;
  // A currency is three capital letters; anything else in the address (a typo, or markup someone put in a
  // link) is refused here, before a domain puts it in a title or a report's address.
  const asked = new URLSearchParams(location.search).get('currency');
  const currency = asked && /^[A-Z]{3}$/.test(asked) ? asked : 'EUR';
  const refusal = asked && currency !== asked ? `?currency= takes three capital letters, such as EUR; showing EUR` : null;
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment) { sessionStorage.setItem('tributary-token', fromFragment); history.replaceState(null, '', location.pathname + location.search); }
  const charts = {};
  const rendered = {};
  /** Per panel: what it says when it has nothing to show, so an empty panel reads as "nothing yet", not as broken. */
  const empties = {
    shards: { text: 'The projector has not applied a batch yet.' },
    builds: { text: 'No rebuild or backfill has run.' },
  };
  /** Per panel, when its emptiness is not its number of labels (a chart that always draws 30 days). */
  const counts = {};
  const domains = [];

  function token() { return sessionStorage.getItem('tributary-token'); }

  async function get(path) {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + token(), Accept: 'application/json' } });
    if (response.status === 401 || response.status === 403) { throw new Error('the token was refused (' + response.status + '); it needs the role analyst'); }
    if (!response.ok) { throw new Error(path + ' answered ' + response.status); }
    const fresh = response.headers.get('Tributary-Fresh-As-Of');
    if (fresh) { showFreshness(fresh); }
    return response.json();
  }

  function showFreshness(fresh) {
    const age = Math.max(0, Date.now() - Date.parse(fresh));
    document.getElementById('freshness').textContent = 'data as of ' + new Date(fresh).toLocaleTimeString() + ' (' + human(age) + ' ago)';
  }

  function human(millis) {
    if (millis < 1000) { return millis + ' ms'; }
    if (millis < 120_000) { return Math.round(millis / 1000) + ' s'; }
    return Math.round(millis / 60_000) + ' min';
  }

  /** The time of day, and the date too when it is not today. */
  function time(instant) {
    if (!instant) { return '–'; }
    const at = new Date(instant);
    return at.toDateString() === new Date().toDateString() ? at.toLocaleTimeString() : at.toLocaleString();
  }

  /** A UTC day as yyyy-mm-dd, {@code offset} days from today. */
  function day(offset) { const d = new Date(); d.setUTCDate(d.getUTCDate() + offset); return d.toISOString().slice(0, 10); }

  function draw(id, type, labels, datasets, options = {}) {
    const all = { animation: false, maintainAspectRatio: false, ...options };
    if (charts[id]) {
      charts[id].data.labels = labels;
      charts[id].data.datasets = datasets;
      charts[id].options = all;
      charts[id].update('none');
    } else {
      charts[id] = new Chart(document.getElementById(id), { type, data: { labels, datasets }, options: all });
    }
    rendered[id] = labels.length;
  }

  function rows(tableId, items, cells, rowClass = () => '') {
    const body = document.querySelector('#' + tableId + ' tbody');
    body.replaceChildren(...items.map(item => {
      const tr = document.createElement('tr');
      tr.className = rowClass(item);
      cells(item).forEach(value => { const td = document.createElement('td'); td.textContent = value; td.title = value; tr.appendChild(td); });
      return tr;
    }));
    rendered[tableId] = items.length;
  }

  /** A name cut to fit an axis, with an ellipsis at the end; the full name goes in the tooltip. */
  function short(name, chars = LABEL_CHARS) {
    return name.length > chars ? name.slice(0, chars - 1).trimEnd() + '…' : name;
  }

  /** A horizontal bar chart whose labels keep a third of the width and show the full text on hover. */
  function barsOptions(fullLabels) {
    return {
      indexAxis: 'y',
      scales: { y: { afterFit: axis => { axis.width = Math.max(axis.width, axis.chart.width / 3); } } },
      plugins: { legend: { display: false }, tooltip: { callbacks: { title: items => fullLabels[items[0].dataIndex] } } },
    };
  }

  /** A panel of a domain's, placed before the pipe's panels. Its title is text, never markup. */
  function section(id, title, { wide = false, double = false, empty }) {
    if (document.getElementById(id)) { throw new Error('two panels are named ' + id); }
    const element = document.createElement('section');
    element.className = wide ? 'wide' : double ? 'double' : '';
    const heading = document.createElement('h2');
    heading.textContent = title;
    const note = document.createElement('p');
    note.id = id + '-empty';
    note.className = 'empty';
    note.hidden = true;
    element.append(heading, note);
    document.getElementById('panels').insertBefore(element, document.getElementById('pipe'));
    empties[id] = { text: empty ?? 'Nothing to show yet.' };
    return element;
  }

  /** What a domain's script is given to draw its panels with. */
  const ui = {
    currency,
    get, draw, rows, short, barsOptions, human, time, day,
    /** A chart panel; {@code hideWhenEmpty} hides its axes when it has nothing to show (a ranking). */
    chart(id, title, options = {}) {
      const canvas = document.createElement('canvas');
      canvas.id = id;
      section(id, title, options).appendChild(canvas);
      empties[id].hide = Boolean(options.hideWhenEmpty);
    },
    /** A table panel with these column headings; {@code fixed} cuts long cells with an ellipsis. */
    table(id, title, columns, options = {}) {
      const table = document.createElement('table');
      table.id = id;
      if (options.fixed) { table.className = 'fixed'; }
      const head = table.createTHead().insertRow();
      columns.forEach(column => { const th = document.createElement('th'); th.textContent = column; head.appendChild(th); });
      table.createTBody();
      section(id, title, options).appendChild(table);
      return table;
    },
    /** How many things a panel shows, when that is not its number of labels; 0 shows its empty note. */
    count(id, n) { counts[id] = n; },
  };

  /** Shows or hides a panel's empty note; returns whether it is shown. */
  function emptyNote(id, isEmpty) {
    const note = document.getElementById(id + '-empty');
    note.textContent = empties[id].text;
    note.hidden = !isEmpty;
    if (empties[id].hide) {
      document.getElementById(id).style.display = isEmpty ? 'none' : '';
    }
    return isEmpty;
  }

  /** What is wrong with a shard, if anything: its worker says it is stalled, or has stopped reporting. */
  function trouble(s) {
    if (s.silent) { return `silent: no report from worker ${s.worker} since ${time(s.reported_at)}`; }
    if (s.state === 'stalled') { return `stalled since ${time(s.stalled_since)}` + (s.reason ? ': ' + s.reason : ''); }
    return null;
  }

  /** For the banner: each stalled shard, and each silent worker once. */
  function alarmFor(s) {
    if (s.silent) { return `no report from worker ${s.worker} since ${time(s.reported_at)}`; }
    return s.state === 'stalled' ? `shard ${s.shard_id} ${trouble(s)}` : null;
  }

  /** What is wrong with a build, if anything: a backfill nobody runs, or a build whose projector went silent. */
  function buildTrouble(b) {
    if (b.state === 'waiting') { return `projection ${b.projection} backfilling since ${time(b.started_at)} with no build running`; }
    if (b.silent) { return `build of ${b.projection} has had no heartbeat since ${time(b.heartbeat_at)} (worker ${b.worker})`; }
    return null;
  }

  function progress(b) {
    if (b.events == null) { return '–'; }
    const of = b.estimated ? ` of ~${b.estimated}` : '';
    const percent = b.estimated && b.state === 'building' ? ` (${Math.min(100, Math.round(100 * b.events / b.estimated))}%)` : '';
    return `${b.events}${of} events${percent}`;
  }

  async function refreshPipe() {
    const [shards, builds] = await Promise.all([get('/reports/projector'), get('/reports/builds')]);
    rows('shards', shards, s => [s.shard_id, trouble(s) ?? s.state ?? 'not reporting', human(s.live_lag_millis ?? s.lag_millis ?? 0),
      time(s.last_event_at), time(s.committed_at)], s => trouble(s) ? 'trouble' : '');
    rows('builds', builds, b => [b.projection, b.state === 'building' ? `building: ${b.phase}` : b.state, progress(b),
      b.state === 'building' ? time(b.heartbeat_at) : time(b.finished_at ?? b.started_at), b.note ?? ''], b => buildTrouble(b) ? 'trouble' : '');
    const troubles = [...new Set(shards.map(alarmFor).filter(Boolean)), ...builds.map(buildTrouble).filter(Boolean)];
    const alarm = document.getElementById('alarm');
    alarm.hidden = troubles.length === 0;
    alarm.textContent = 'Projector stalled: ' + troubles.join('; ');
    document.body.dataset.alarm = troubles.length ? alarm.textContent : '';
    const worst = shards.reduce((max, s) => Math.max(max, s.live_lag_millis ?? s.lag_millis ?? 0), 0);
    document.getElementById('lag').textContent = 'projector lag: ' + (shards.length ? human(worst) : 'no shards yet');
  }

  async function refresh() {
    const failures = [];
    await Promise.all([
      refreshPipe().catch(e => failures.push(e.message)),
      ...domains.map(d => d.refresh().catch(e => failures.push(d.name + ': ' + e.message))),
    ]);
    document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString() + ', every ' + REFRESH_MS / 1000 + ' s';
    if (refusal) { failures.unshift(refusal); }
    const error = document.getElementById('error');
    error.textContent = failures.join('; ');
    error.hidden = failures.length === 0;
    if (failures.length) {
      document.body.dataset.error = error.textContent;
    } else {
      delete document.body.dataset.error;
    }
    const shown = { ...rendered, ...counts };
    document.body.dataset.empty = Object.keys(empties).filter(id => id in shown && emptyNote(id, shown[id] === 0)).join(',');
    document.body.dataset.rendered = Object.entries(rendered).map(([k, v]) => k + ':' + v).join(',');
    document.body.dataset.domains = domains.map(d => d.name).join(',');
  }

  window.tributary = {
    /** For domains' scripts: registers a domain's panels; {@code build(ui)} adds them and returns their refresh. */
    domain(name, build) {
      try {
        const refresh = build(ui);
        domains.push({ name, refresh: async () => refresh() });
      } catch (e) {
        domains.push({ name, refresh: async () => { throw e; } });
      }
    },
    /** For domains.js: runs each domain's script on its own, so one that fails, even to parse, stops no other. */
    scripts(sources) {
      sources.forEach((source, i) => {
        try {
          new Function(source + `\n//# sourceURL=domain-panels-${i + 1}.js`)();
        } catch (e) {
          domains.push({ name: `domain panels script ${i + 1}`, refresh: async () => { throw e; } });
        }
      });
    },
  };

  function start() {
    refresh();
    setInterval(refresh, REFRESH_MS);
  }

  // After every script has loaded, domains.js included, so every domain's panels are in place.
  window.addEventListener('load', () => {
    if (token()) {
      start();
      return;
    }
    const form = document.getElementById('login');
    form.hidden = false;
    form.addEventListener('submit', event => {
      event.preventDefault();
      sessionStorage.setItem('tributary-token', document.getElementById('token').value.trim());
      form.hidden = true;
      start();
    });
  });
})();
