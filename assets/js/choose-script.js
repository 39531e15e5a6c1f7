// Root page: send the reader to the script their browser prefers. Without JavaScript the
// page is a plain choice of links, so nothing depends on this file.
(function () {
  var links = document.querySelectorAll("[data-browser-languages]");
  var wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""])
    .map(function (l) { return String(l).toLowerCase(); });
  for (var i = 0; i < wanted.length; i++) {
    if (wanted[i].indexOf("zh") !== 0) continue;
    for (var j = 0; j < links.length; j++) {
      var tags = links[j].getAttribute("data-browser-languages").split(" ");
      for (var k = 0; k < tags.length; k++) {
        if (tags[k] && wanted[i].indexOf(tags[k]) === 0) { location.replace(links[j].href); return; }
      }
    }
    break; // a Chinese tag none claims: the site default
  }
  var def = document.querySelector(".choices").getAttribute("data-default");
  var el = document.querySelector('.choices [hreflang="' + def + '"]');
  if (el) location.replace(el.href);
})();
