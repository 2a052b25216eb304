// The Records page: a records manager's worklist, from the navigation.
import { showProblem } from '/js/api.js';
import { showRecordsWorklist } from '/js/records-worklist.js';
import { signedInPage } from '/js/shell.js';

const me = await signedInPage();
if (me) {
  if (me.may.includes('retention:read')) {
    document.getElementById('records-worklist-heading').hidden = true;
    await showRecordsWorklist(me);
  } else {
    await showProblem(403);
  }
}
