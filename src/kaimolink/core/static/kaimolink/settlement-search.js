// The settlement list of the actor and event forms: choosing a LAG (the actor form's
// drop-down, or the event form's LAG boxes) leaves only that LAG's settlements in the
// list, and a search box above the list narrows it by name as one types (a LAG has
// hundreds of villages). Each option carries the LAGs of its district (data-lags, see
// actors.forms.SettlementSelect); filtering happens here, without a request. Without
// JavaScript the whole list stays, grouped by district, and there is no search box.
(function () {
  "use strict";
  var place = document.getElementById("id_settlement");
  var lagInputs = document.querySelectorAll("select#id_lag, input[type=checkbox][name=lags]");
  if (!place || !lagInputs.length) return;

  // "Kėdainiai" and "kedainiai" meet, as in the server's search (core.text.fold).
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  // The chosen LAGs' ids; none chosen: every settlement stays.
  function chosenLags() {
    var ids = [];
    lagInputs.forEach(function (input) {
      if (input.type === "checkbox" ? input.checked : input.value) ids.push(input.value);
    });
    return ids;
  }

  var search = document.createElement("input");
  search.type = "search";
  search.id = "id_settlement_search";
  search.autocomplete = "off";
  search.setAttribute("aria-controls", place.id);
  var label = document.createElement("label");
  label.htmlFor = search.id;
  label.textContent = place.dataset.searchLabel || "";
  var box = document.createElement("div");
  box.className = "settlement-search";
  box.appendChild(label);
  box.appendChild(search);
  place.parentNode.insertBefore(box, place);

  function narrow() {
    var chosen = chosenLags();
    var typed = fold(search.value);
    var only = null;
    var shown = 0;
    var before = place.value;
    place.querySelectorAll("option[data-lags]").forEach(function (option) {
      var inLag = !chosen.length || option.dataset.lags.split(" ").some(function (id) {
        return chosen.indexOf(id) !== -1;
      });
      var named = !typed || fold(option.textContent).indexOf(typed) !== -1;
      var fits = inLag && named;
      option.hidden = !fits;
      option.disabled = !inLag;
      if (!inLag && option.selected) place.value = "";
      if (fits) { shown += 1; only = option; }
    });
    place.querySelectorAll("optgroup").forEach(function (group) {
      group.hidden = !group.querySelector("option:not([hidden])");
    });
    // One match left: choose it, so a typed name is enough.
    if (typed && shown === 1 && only) place.value = only.value;
    // Whoever listens (the event form's map) hears of a choice made here.
    if (place.value !== before) place.dispatchEvent(new Event("change"));
  }

  lagInputs.forEach(function (input) { input.addEventListener("change", narrow); });
  search.addEventListener("input", narrow);
  narrow();
})();
