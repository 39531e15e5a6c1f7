// Before decap-cms.js: it starts on its own unless told not to; admin.js starts it with the
// configuration made from site data.
window.CMS_MANUAL_INIT = true;
