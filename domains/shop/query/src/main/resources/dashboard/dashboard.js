// Tributary's dashboard: reads the query service's reports with an analyst's token and redraws every 10 s.
// The token comes from the URL fragment (#token=…), or is asked for once and kept for this browser tab.
(() => {
  const REFRESH_MS = 10_000;
  const LOW_STOCK = { shown: 10, pageSize: 100, pages: 10 };
  const LABEL_CHARS = 32;
  const currency = new URLSearchParams(location.search).get('currency') || 'EUR';
  document.getElementById('currency-label').textContent = currency;
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment) { sessionStorage.setItem('tributary-token', fromFragment); history.replaceState(null, '', location.pathname + location.search); }
  const charts = {};
  const rendered = {};
  // What each panel says when it has nothing to show, so an empty panel reads as "nothing yet", not as broken.
  const EMPTY = {
    revenue: `No orders in ${currency} in the last 30 days yet.`,
    statuses: 'No orders in the last 30 days yet.',
    customers: `No customer has ordered in ${currency} in the last 30 days yet.`,
    products: `No product has sold in ${currency} in the last 30 days yet.`,
    categories: `No category has sold in ${currency} in the last 30 days yet.`,
    stock: 'No product has 10 or fewer available.',
    shards: 'The projector has not applied a batch yet.',
    builds: 'No rebuild or backfill has run.',
  };

  /**
   * Shows or hides a panel's empty note; returns whether it is shown. A ranking with nothing to rank
   * hides its axes too; the revenue chart keeps its flat line, which is the answer.
   */
  function emptyNote(id, isEmpty) {
    const note = document.getElementById(id + '-empty');
    note.textContent = EMPTY[id];
    note.hidden = !isEmpty;
    if (id === 'customers' || id === 'products' || id === 'categories') {
      document.getElementById(id).style.display = isEmpty ? 'none' : '';
    }
    return isEmpty;
  }

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

  /** Listed products with 10 or fewer available, lowest first: all of them, up to LOW_STOCK.pages pages. */
  async function lowStock() {
    const items = [];
    let after = null, pages = 0;
    do {
      const page = await get(`/products?lowStock=10&limit=${LOW_STOCK.pageSize}` + (after ? '&after=' + encodeURIComponent(after) : ''));
      items.push(...page.items);
      after = page.next;
    } while (after && ++pages < LOW_STOCK.pages);
    items.sort((a, b) => a.available - b.available || a.name.localeCompare(b.name));
    return { items, capped: Boolean(after) };
  }

  function showLowStock(stock) {
    rows('stock', stock.items.slice(0, LOW_STOCK.shown), p => [p.sku, p.name, p.available, p.reserved]);
    const more = stock.items.length - LOW_STOCK.shown;
    const note = document.getElementById('stock-more');
    note.hidden = more <= 0;
    note.textContent = stock.capped ? `and more than ${more} more` : `and ${more} more`;
    document.body.dataset.stockMore = String(Math.max(more, 0));
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

  /** The time of day, and the date too when it is not today. */
  function time(instant) {
    if (!instant) { return '–'; }
    const at = new Date(instant);
    return at.toDateString() === new Date().toDateString() ? at.toLocaleTimeString() : at.toLocaleString();
  }

  function showShards(shards, buildTroubles = []) {
    rows('shards', shards, s => [s.shard_id, trouble(s) ?? s.state ?? 'not reporting', human(s.live_lag_millis ?? s.lag_millis ?? 0),
      time(s.last_event_at), time(s.committed_at)], s => trouble(s) ? 'trouble' : '');
    const troubles = [...new Set(shards.map(alarmFor).filter(Boolean)), ...buildTroubles];
    const alarm = document.getElementById('alarm');
    alarm.hidden = troubles.length === 0;
    alarm.textContent = 'Projector stalled: ' + troubles.join('; ');
    document.body.dataset.alarm = troubles.length ? alarm.textContent : '';
    const worst = shards.reduce((max, s) => Math.max(max, s.live_lag_millis ?? s.lag_millis ?? 0), 0);
    document.getElementById('lag').textContent = 'projector lag: ' + (shards.length ? human(worst) : 'no shards yet');
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

  function showBuilds(builds) {
    rows('builds', builds, b => [b.projection, b.state === 'building' ? `building: ${b.phase}` : b.state, progress(b),
      b.state === 'building' ? time(b.heartbeat_at) : time(b.finished_at ?? b.started_at), b.note ?? ''], b => buildTrouble(b) ? 'trouble' : '');
    return builds.map(buildTrouble).filter(Boolean);
  }

  function day(offset) { const d = new Date(); d.setUTCDate(d.getUTCDate() + offset); return d.toISOString().slice(0, 10); }

  async function refresh() {
    const since = day(-29), until = day(1);
    try {
      const [revenue, statuses, customers, products, categories, stock, shards, builds] = await Promise.all([
        get(`/reports/revenue?from=${since}&to=${until}&by=day&currency=${currency}`),
        get(`/reports/orders-by-status?from=${since}&to=${until}`),
        get(`/reports/top-customers?since=${since}&limit=10&currency=${currency}`),
        get(`/reports/top-products?since=${since}&limit=10&currency=${currency}`),
        get(`/reports/revenue-by-category?from=${since}&to=${until}&currency=${currency}`),
        lowStock(),
        get('/reports/projector'),
        get('/reports/builds'),
      ]);
      const days = Array.from({ length: 30 }, (_, i) => day(i - 29));
      const byDay = Object.fromEntries(revenue.map(r => [r.day, r]));
      draw('revenue', 'bar', days, [
        { type: 'line', label: `revenue (${currency}, left)`, data: days.map(d => (byDay[d]?.revenue_minor ?? 0) / 100), borderColor: '#3867d6',
          backgroundColor: '#3867d6', pointRadius: days.map(d => byDay[d] ? 4 : 0), yAxisID: 'y', order: 0 },
        { label: 'orders (right)', data: days.map(d => byDay[d]?.orders ?? 0), backgroundColor: 'rgba(32, 191, 107, .55)',
          yAxisID: 'orders', order: 1, maxBarThickness: 24 }],
        { scales: { y: { beginAtZero: true, title: { display: true, text: `revenue (${currency})` } },
          orders: { beginAtZero: true, position: 'right', grace: '25%', ticks: { precision: 0 }, title: { display: true, text: 'orders' },
            grid: { drawOnChartArea: false } } } });
      draw('statuses', 'doughnut', statuses.map(s => s.status), [{ data: statuses.map(s => s.orders),
        backgroundColor: ['#a5b1c2', '#3867d6', '#20bf6b', '#0fb9b1', '#eb3b5a'] }]);
      const customerNames = customers.map(c => c.name || c.customer_id);
      draw('customers', 'bar', customerNames.map(n => short(n, 24)), [{ label: 'spend', data: customers.map(c => c.spend_minor / 100), backgroundColor: '#3867d6' }],
        barsOptions(customerNames));
      const productNames = products.map(p => p.name ? `${p.name} (${p.sku})` : p.sku || p.product_id);
      draw('products', 'bar', products.map(p => p.name ? `${short(p.name, Math.max(8, LABEL_CHARS - (p.sku ?? '').length - 3))} (${p.sku})` : short(p.sku || p.product_id)),
        [{ label: 'units', data: products.map(p => p.units), backgroundColor: '#20bf6b' }], barsOptions(productNames));
      const top = categories.slice(0, 10);
      draw('categories', 'bar', top.map(c => short(c.category, 24)), [{ label: `revenue (${currency})`, data: top.map(c => c.revenue_minor / 100),
        backgroundColor: '#8854d0' }], barsOptions(top.map(c => c.category)));
      showLowStock(stock);
      showShards(shards, showBuilds(builds));
      document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString() + ', every ' + REFRESH_MS / 1000 + ' s';
      document.getElementById('error').hidden = true;
      const counts = { ...rendered, revenue: revenue.length }; // the revenue chart always draws 30 days
      document.body.dataset.empty = Object.keys(counts).filter(id => emptyNote(id, counts[id] === 0)).join(',');
      document.body.dataset.revenueDays = String(revenue.length);
      document.body.dataset.rendered = Object.entries(rendered).map(([k, v]) => k + ':' + v).join(',');
    } catch (e) {
      const error = document.getElementById('error');
      error.textContent = e.message;
      error.hidden = false;
      document.body.dataset.error = e.message;
    }
  }

  function start() {
    refresh();
    setInterval(refresh, REFRESH_MS);
  }

  if (token()) {
    start();
  } else {
    const form = document.getElementById('login');
    form.hidden = false;
    form.addEventListener('submit', event => {
      event.preventDefault();
      sessionStorage.setItem('tributary-token', document.getElementById('token').value.trim());
      form.hidden = true;
      start();
    });
  }
})();
