// The ledger's dashboard panels: the money transfers moved per UTC day, and the largest balances, in the
// currency of ?currency= (EUR by default).
tributary.domain('ledger', ui => {
  const currency = ui.currency;
  ui.chart('transfer-volume', `Transfer volume, last 30 days (${currency}, UTC days)`,
    { wide: true, empty: `No transfers in ${currency} in the last 30 days yet.` });
  ui.chart('largest-accounts', `Largest balances (${currency})`,
    { empty: `No account in ${currency} yet.`, hideWhenEmpty: true });

  return async () => {
    const [volume, accounts] = await Promise.all([
      ui.get(`/reports/transfer-volume?from=${ui.day(-29)}&to=${ui.day(1)}&currency=${currency}`),
      ui.get(`/reports/largest-accounts?currency=${currency}&limit=10`),
    ]);
    ui.draw('transfer-volume', 'bar', volume.map(d => d.day), [
      { type: 'line', label: `moved (${currency}, left)`, data: volume.map(d => d.volume_minor / 100), borderColor: '#8854d0',
        backgroundColor: '#8854d0', pointRadius: volume.map(d => d.transfers ? 4 : 0), yAxisID: 'y', order: 0 },
      { label: 'transfers (right)', data: volume.map(d => d.transfers), backgroundColor: 'rgba(250, 130, 49, .55)',
        yAxisID: 'transfers', order: 1, maxBarThickness: 24 }],
      { scales: { y: { beginAtZero: true, title: { display: true, text: `moved (${currency})` } },
        transfers: { beginAtZero: true, position: 'right', grace: '25%', ticks: { precision: 0 }, title: { display: true, text: 'transfers' },
          grid: { drawOnChartArea: false } } } });
    ui.count('transfer-volume', volume.filter(d => d.transfers > 0).length); // every day is drawn; empty when none moved money
    const owners = accounts.map(a => `${a.owner} (${a.account_id.slice(0, 8)})`);
    ui.draw('largest-accounts', 'bar', owners.map(o => ui.short(o, 24)), [{ label: `balance (${currency})`,
      data: accounts.map(a => a.balance_minor / 100), backgroundColor: '#0fb9b1' }], ui.barsOptions(owners));
  };
});
