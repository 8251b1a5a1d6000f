// Running total of a budget ballot: sums the picked projects' costs and
// warns before the server refuses a ballot over the cap. Bound by data-ballot.
(function () {
  "use strict";
  function bind(form) {
    var cap = parseInt(form.dataset.cap, 10);
    var out = form.querySelector("[data-ballot-total]");
    var boxes = form.querySelectorAll("input[data-cost]");
    function update() {
      var total = 0;
      boxes.forEach(function (box) { if (box.checked) { total += parseInt(box.dataset.cost, 10); } });
      // The sentence comes translated from the page; only the numbers are filled in here.
      out.textContent = out.dataset.template
        .replace("%(total)s", total.toLocaleString())
        .replace("%(cap)s", cap.toLocaleString());
      out.classList.toggle("is-over", total > cap);
    }
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    update();
  }
  document.querySelectorAll("form[data-ballot]").forEach(bind);
})();
