// Tributary's dashboard: reads the query service's reports with an analyst's token and redraws every 10 s.
// The token comes from the URL fragment (#token=…), or is asked for once and kept for this browser tab.
(() => {
  const REFRESH_MS = 10_000;
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
    stock: 'No product has 10 or fewer available.',
    shards: 'The projector has not applied a batch yet.',
  };

  /** Shows or hides a panel's empty note; returns whether it is shown. */
  function emptyNote(id, isEmpty) {
    const note = document.getElementById(id + '-empty');
    note.textContent = EMPTY[id];
    note.hidden = !isEmpty;
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
    if (charts[id]) {
      charts[id].data.labels = labels;
      charts[id].data.datasets = datasets;
      charts[id].update('none');
    } else {
      charts[id] = new Chart(document.getElementById(id), { type, data: { labels, datasets }, options: { animation: false, maintainAspectRatio: false, ...options } });
    }
    rendered[id] = labels.length;
  }

  function rows(tableId, items, cells) {
    const body = document.querySelector('#' + tableId + ' tbody');
    body.replaceChildren(...items.map(item => {
      const tr = document.createElement('tr');
      cells(item).forEach(value => { const td = document.createElement('td'); td.textContent = value; tr.appendChild(td); });
      return tr;
    }));
    rendered[tableId] = items.length;
  }

  function day(offset) { const d = new Date(); d.setUTCDate(d.getUTCDate() + offset); return d.toISOString().slice(0, 10); }

  async function refresh() {
    const since = day(-29), until = day(1);
    try {
      const [revenue, statuses, customers, products, stock, shards] = await Promise.all([
        get(`/reports/revenue?from=${since}&to=${until}&by=day&currency=${currency}`),
        get(`/reports/orders-by-status?from=${since}&to=${until}`),
        get(`/reports/top-customers?since=${since}&limit=10&currency=${currency}`),
        get(`/reports/top-products?since=${since}&limit=10&currency=${currency}`),
        get('/products?lowStock=10&limit=20'),
        get('/reports/projector'),
      ]);
      const days = Array.from({ length: 30 }, (_, i) => day(i - 29));
      const byDay = Object.fromEntries(revenue.map(r => [r.day, r]));
      draw('revenue', 'line', days, [
        { label: 'revenue', data: days.map(d => (byDay[d]?.revenue_minor ?? 0) / 100), borderColor: '#3867d6', yAxisID: 'y' },
        { label: 'orders', data: days.map(d => byDay[d]?.orders ?? 0), borderColor: '#20bf6b', yAxisID: 'orders' }],
        { scales: { y: { beginAtZero: true }, orders: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } } } });
      draw('statuses', 'doughnut', statuses.map(s => s.status), [{ data: statuses.map(s => s.orders),
        backgroundColor: ['#a5b1c2', '#3867d6', '#20bf6b', '#0fb9b1', '#eb3b5a'] }]);
      draw('customers', 'bar', customers.map(c => c.name || c.customer_id.slice(0, 8)), [{ label: 'spend', data: customers.map(c => c.spend_minor / 100), backgroundColor: '#3867d6' }], { indexAxis: 'y' });
      draw('products', 'bar', products.map(p => p.name ? `${p.name} (${p.sku})` : p.sku || p.product_id.slice(0, 8)), [{ label: 'units', data: products.map(p => p.units), backgroundColor: '#20bf6b' }], { indexAxis: 'y' });
      rows('stock', stock.items, p => [p.sku, p.name, p.available, p.onHand, p.reserved]);
      rows('shards', shards, s => [s.shard_id, new Date(s.last_event_at).toLocaleTimeString(), new Date(s.committed_at).toLocaleTimeString(), human(s.lag_millis)]);
      const worst = shards.reduce((max, s) => Math.max(max, s.lag_millis), 0);
      document.getElementById('lag').textContent = 'projector lag: ' + (shards.length ? human(worst) : 'no shards yet');
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
