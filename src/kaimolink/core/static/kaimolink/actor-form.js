// The actor form: choosing a LAG leaves only that LAG's settlements in the list.
// Each option carries the LAGs of its district (data-lags, see actors.forms.SettlementSelect);
// filtering happens here, without a request. Without JavaScript the whole list stays.
(function () {
  "use strict";
  var lag = document.getElementById("id_lag");
  var place = document.getElementById("id_settlement");
  if (!lag || !place) return;

  function narrow() {
    var chosen = lag.value;
    place.querySelectorAll("option[data-lags]").forEach(function (option) {
      var fits = !chosen || option.dataset.lags.split(" ").indexOf(chosen) !== -1;
      option.hidden = !fits;
      option.disabled = !fits;
      if (!fits && option.selected) place.value = "";
    });
    place.querySelectorAll("optgroup").forEach(function (group) {
      group.hidden = !group.querySelector("option:not([hidden])");
    });
  }

  lag.addEventListener("change", narrow);
  narrow();
})();
