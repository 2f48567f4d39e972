// A domain that exists only in the query service's tests. Its refresh fails on purpose when the page asks
// (?break=probe), so DashboardIT sees one domain's failure shown while every other domain's panels draw.
tributary.domain('probe', ui => {
  const broken = new URLSearchParams(location.search).get('break') === 'probe';
  return async () => {
    if (broken) { throw new Error('broken on purpose'); }
  };
});
