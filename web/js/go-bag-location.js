// A place that keeps Go bags (a police station): its name, where it is on
// the map (so that, when one runs out, the nearest with stock are named) and
// the stock at which to reorder. Added, or changed with the version read.
import { api, showErrors, showProblem } from '/js/api.js';
import { addFields, apiErrors, readField, versionedForm } from '/js/form.js';
import { finish, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id');
const back = '/go-bags?show=locations';
const num = (v) => (v === '' ? null : Number(v));

function check(v) {
  const errors = [];
  if (!v.name) errors.push({ field: 'name', message: 'Enter the name of the location' });
  const lat = num(v.latitude);
  const lon = num(v.longitude);
  if ((v.latitude === '') !== (v.longitude === '')) errors.push({ field: v.latitude === '' ? 'latitude' : 'longitude', message: 'Enter both the latitude and the longitude, or neither' });
  if (v.latitude !== '' && !(lat >= -90 && lat <= 90)) errors.push({ field: 'latitude', message: 'Enter the latitude as a number from -90 to 90, like 51.5583' });
  if (v.longitude !== '' && !(lon >= -180 && lon <= 180)) errors.push({ field: 'longitude', message: 'Enter the longitude as a number from -180 to 180, like -1.7797' });
  if (!/^[0-9]+$/.test(v.reorder_level)) errors.push({ field: 'reorder_level', message: 'Enter the reorder level as a whole number, like 5' });
  if (v.organisation_id === '') errors.push({ field: 'organisation_id', message: 'Select the force that keeps it' });
  return errors;
}

if (me && !me.may.includes('go_bag:write')) await showProblem(403);
else if (me) {
  const fields = [
    { id: 'name', label: 'Name', hint: 'For example, Swindon Gablecross police station.', get: (l) => l.name },
    { id: 'latitude', label: 'Latitude (optional)', width: 10, hint: 'Where it is, so that the nearest locations with stock can be named. For example, 51.5583.',
      get: (l) => (l.latitude ?? '') === '' ? '' : String(l.latitude), put: (v) => ({ latitude: num(v) }) },
    { id: 'longitude', label: 'Longitude (optional)', width: 10, hint: 'For example, -1.7797.',
      get: (l) => (l.longitude ?? '') === '' ? '' : String(l.longitude), put: (v) => ({ longitude: num(v) }) },
    { id: 'reorder_level', label: 'Reorder when the stock of a kind falls to', width: 4, hint: 'The Commissioner\'s office is asked to order more at or below this.',
      get: (l) => String(l.reorder_level ?? ''), put: (v) => ({ reorder_level: Number(v) }) },
  ];
  // The Commissioner's office names the force of its area that keeps it.
  if (!id && me.user.role === 'opcc') {
    const orgs = await api('GET', '/api/v1/organisations');
    const forces = ((orgs.body && orgs.body.items) || []).filter((o) => o.kind === 'force');
    fields.push({ id: 'organisation_id', label: 'Which force keeps it?', kind: 'select', empty: 'Choose the force', options: forces.map((o) => ({ value: o.id, label: o.name })) });
  }
  const form = document.getElementById('location-form');
  addFields(document.getElementById('location-fields'), fields);
  if (id) {
    const res = await api('GET', `/api/v1/go-bags/locations/${encodeURIComponent(id)}`);
    const l = res.status === 200 ? res.body : null;
    if (!l) {
      await showProblem(res.status);
    } else {
      document.getElementById('heading').textContent = l.name;
      document.title = `${l.name} – Waymark`;
      document.getElementById('save').textContent = 'Save the changes';
      for (const f of fields) f.check = (value, all) => check({ organisation_id: null, ...all }).find((x) => x.field === f.id) || null;
      versionedForm({
        form, path: `/api/v1/go-bags/locations/${encodeURIComponent(id)}`, fields, record: l, noun: 'location',
        done: () => finish(back, `${readField(fields[0])} saved`, 'Its stock and reorder warnings follow what it says now.'),
      });
    }
  } else {
    form.hidden = false;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = Object.fromEntries(fields.map((f) => [f.id, readField(f)]));
      if (!('organisation_id' in v)) v.organisation_id = null;
      const errors = check(v);
      showErrors(errors);
      if (errors.length) return;
      const body = { name: v.name, latitude: num(v.latitude), longitude: num(v.longitude), reorder_level: Number(v.reorder_level) };
      if (v.organisation_id) body.organisation_id = v.organisation_id;
      const made = await api('POST', '/api/v1/go-bags/locations', body);
      if (made.status === 201) {
        finish(back, `${v.name} added`, 'Record a delivery there so that officers can give its Go bags out.');
        return;
      }
      showErrors(apiErrors(made, fields, 'The location could not be added just now. Try again.'));
    });
  }
}
