// The shop's dashboard panels: revenue, orders by status, top customers and products, revenue by
// category, and low stock, over the last 30 UTC days in the currency of ?currency= (EUR by default).
tributary.domain('shop', ui => {
  const LOW_STOCK = { shown: 10, pageSize: 100, pages: 10 };
  const currency = ui.currency;
  ui.chart('revenue', `Revenue, last 30 days (${currency}, UTC days)`,
    { wide: true, empty: `No orders in ${currency} in the last 30 days yet.` });
  ui.chart('statuses', 'Orders by status, last 30 days', { empty: 'No orders in the last 30 days yet.' });
  ui.chart('customers', 'Top customers by spend, last 30 days',
    { empty: `No customer has ordered in ${currency} in the last 30 days yet.`, hideWhenEmpty: true });
  ui.chart('products', 'Top products by units, last 30 days',
    { empty: `No product has sold in ${currency} in the last 30 days yet.`, hideWhenEmpty: true });
  ui.chart('categories', 'Revenue by category, last 30 days',
    { empty: `No category has sold in ${currency} in the last 30 days yet.`, hideWhenEmpty: true });
  const stock = ui.table('stock', 'Low stock (10 or fewer available), lowest first', ['sku', 'name', 'available', 'reserved'],
    { empty: 'No product has 10 or fewer available.', fixed: true });
  const widths = ['25%', null, '17%', '17%'];
  stock.querySelectorAll('th').forEach((th, i) => { if (widths[i]) { th.style.width = widths[i]; } });
  const more = document.createElement('p');
  more.id = 'stock-more';
  more.className = 'more';
  more.hidden = true;
  stock.after(more);

  /** Listed products with 10 or fewer available, lowest first: all of them, up to LOW_STOCK.pages pages. */
  async function lowStock() {
    const items = [];
    let after = null, pages = 0;
    do {
      const page = await ui.get(`/products?lowStock=10&limit=${LOW_STOCK.pageSize}` + (after ? '&after=' + encodeURIComponent(after) : ''));
      items.push(...page.items);
      after = page.next;
    } while (after && ++pages < LOW_STOCK.pages);
    items.sort((a, b) => a.available - b.available || a.name.localeCompare(b.name));
    return { items, capped: Boolean(after) };
  }

  function showLowStock(low) {
    ui.rows('stock', low.items.slice(0, LOW_STOCK.shown), p => [p.sku, p.name, p.available, p.reserved]);
    const rest = low.items.length - LOW_STOCK.shown;
    more.hidden = rest <= 0;
    more.textContent = low.capped ? `and more than ${rest} more` : `and ${rest} more`;
    document.body.dataset.stockMore = String(Math.max(rest, 0));
  }

  return async () => {
    const since = ui.day(-29), until = ui.day(1);
    const [revenue, statuses, customers, products, categories, low] = await Promise.all([
      ui.get(`/reports/revenue?from=${since}&to=${until}&by=day&currency=${currency}`),
      ui.get(`/reports/orders-by-status?from=${since}&to=${until}`),
      ui.get(`/reports/top-customers?since=${since}&limit=10&currency=${currency}`),
      ui.get(`/reports/top-products?since=${since}&limit=10&currency=${currency}`),
      ui.get(`/reports/revenue-by-category?from=${since}&to=${until}&currency=${currency}`),
      lowStock(),
    ]);
    const days = Array.from({ length: 30 }, (_, i) => ui.day(i - 29));
    const byDay = Object.fromEntries(revenue.map(r => [r.day, r]));
    ui.draw('revenue', 'bar', days, [
      { type: 'line', label: `revenue (${currency}, left)`, data: days.map(d => (byDay[d]?.revenue_minor ?? 0) / 100), borderColor: '#3867d6',
        backgroundColor: '#3867d6', pointRadius: days.map(d => byDay[d] ? 4 : 0), yAxisID: 'y', order: 0 },
      { label: 'orders (right)', data: days.map(d => byDay[d]?.orders ?? 0), backgroundColor: 'rgba(32, 191, 107, .55)',
        yAxisID: 'orders', order: 1, maxBarThickness: 24 }],
      { scales: { y: { beginAtZero: true, title: { display: true, text: `revenue (${currency})` } },
        orders: { beginAtZero: true, position: 'right', grace: '25%', ticks: { precision: 0 }, title: { display: true, text: 'orders' },
          grid: { drawOnChartArea: false } } } });
    ui.count('revenue', revenue.length); // the chart always draws 30 days; it is empty when no day has orders
    document.body.dataset.revenueDays = String(revenue.length);
    ui.draw('statuses', 'doughnut', statuses.map(s => s.status), [{ data: statuses.map(s => s.orders),
      backgroundColor: ['#a5b1c2', '#3867d6', '#20bf6b', '#0fb9b1', '#eb3b5a'] }]);
    const customerNames = customers.map(c => c.name || c.customer_id);
    ui.draw('customers', 'bar', customerNames.map(n => ui.short(n, 24)), [{ label: 'spend', data: customers.map(c => c.spend_minor / 100),
      backgroundColor: '#3867d6' }], ui.barsOptions(customerNames));
    const productNames = products.map(p => p.name ? `${p.name} (${p.sku})` : p.sku || p.product_id);
    ui.draw('products', 'bar', products.map(p => p.name ? `${ui.short(p.name, Math.max(8, 32 - (p.sku ?? '').length - 3))} (${p.sku})`
      : ui.short(p.sku || p.product_id)), [{ label: 'units', data: products.map(p => p.units), backgroundColor: '#20bf6b' }],
      ui.barsOptions(productNames));
    const top = categories.slice(0, 10);
    ui.draw('categories', 'bar', top.map(c => ui.short(c.category, 24)), [{ label: `revenue (${currency})`, data: top.map(c => c.revenue_minor / 100),
      backgroundColor: '#8854d0' }], ui.barsOptions(top.map(c => c.category)));
    showLowStock(low);
  };
});
