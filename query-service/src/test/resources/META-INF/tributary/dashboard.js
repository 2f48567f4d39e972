// A domain that exists only in the query service's tests. It fails on purpose when the page asks: its
// script as it loads (?break=probe-script), or its refresh (?break=probe), so DashboardIT sees one domain's
// failure shown while every other domain's panels draw.
if (new URLSearchParams(location.search).get('break') === 'probe-script') {
  throw new Error('the script broke on purpose');
}
tributary.domain('probe', ui => {
  const broken = new URLSearchParams(location.search).get('break') === 'probe';
  return async () => {
    if (broken) { throw new Error('broken on purpose'); }
  };
});
