// The error pages (404, 403, 500) need nothing from the server.
import { startPage } from '/js/api.js';

startPage();
