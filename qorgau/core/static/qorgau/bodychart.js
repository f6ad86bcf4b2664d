// The body chart of the examination form (qorgau/medical/templates/medical/new.html).
// Each region of the chart is a button: a click, a touch, or Enter / Space on a focused
// region adds an injury row for that region, marked where it was chosen. Without this
// script the form still works with its blank injury row.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";

  function init(box) {
    var prefix = box.dataset.bodychartForm;
    var total = box.querySelector("#id_" + prefix + "-TOTAL_FORMS");
    var max = parseInt(box.querySelector("#id_" + prefix + "-MAX_NUM_FORMS").value, 10);
    var rows = box.querySelector("[data-injury-rows]");
    var template = box.querySelector("template[data-injury-template]");
    var svg = box.querySelector(".bodychart svg");
    var layer = svg.querySelector(".markers");

    function field(row, name) {
      return row.querySelector("[name$='-" + name + "']");
    }

    function centre(region, side) {
      var shape = svg.querySelector(".region[data-region='" + region + "'][data-side='" + side + "']") ||
        svg.querySelector(".region[data-region='" + region + "']");
      if (!shape) return null;
      var b = shape.getBBox();
      return [b.x + b.width / 2, b.y + b.height / 2];
    }

    function marker(n, x, y) {
      var g = document.createElementNS(NS, "g");
      var c = document.createElementNS(NS, "circle");
      var t = document.createElementNS(NS, "text");
      c.setAttribute("cx", x); c.setAttribute("cy", y); c.setAttribute("r", "4.5");
      c.setAttribute("fill", "#b3261e"); c.setAttribute("stroke", "#fff");
      t.setAttribute("x", x); t.setAttribute("y", y); t.setAttribute("dy", "2.2");
      t.setAttribute("text-anchor", "middle"); t.setAttribute("font-size", "6");
      t.setAttribute("fill", "#fff"); t.textContent = String(n);
      g.appendChild(c); g.appendChild(t);
      layer.appendChild(g);
    }

    // Number the injuries kept and draw their markers, as the examination page will.
    function redraw() {
      layer.textContent = "";
      var n = 0;
      rows.querySelectorAll("[data-injury-row]").forEach(function (row) {
        var removed = field(row, "DELETE").checked;
        row.classList.toggle("removed", removed);
        if (removed) return;
        n += 1;
        row.querySelector("[data-injury-number]").textContent = String(n);
        var x = field(row, "chart_x").value, y = field(row, "chart_y").value;
        var at = x && y ? [x, y] : centre(field(row, "body_region").value, field(row, "side").value);
        if (at) marker(n, at[0], at[1]);
      });
    }

    function add(shape, x, y) {
      var n = parseInt(total.value, 10);
      if (n >= max) return;
      var holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(n));
      var row = holder.firstElementChild;
      field(row, "body_region").value = shape.dataset.region;
      field(row, "side").value = shape.dataset.side;
      field(row, "chart_x").value = x.toFixed(1);
      field(row, "chart_y").value = y.toFixed(1);
      rows.appendChild(row);
      total.value = String(n + 1);
      redraw();
      field(row, "kind").focus();
    }

    // A fresh form: the blank row kept for browsers without scripts gives way to the chart.
    if (box.dataset.bound === "0") {
      rows.textContent = "";
      total.value = "0";
    }

    svg.addEventListener("click", function (ev) {
      var shape = ev.target.closest(".region");
      if (!shape) return;
      var pt = svg.createSVGPoint();
      pt.x = ev.clientX; pt.y = ev.clientY;
      var at = pt.matrixTransform(svg.getScreenCTM().inverse());
      add(shape, at.x, at.y);
    });
    svg.addEventListener("keydown", function (ev) {
      var shape = ev.target.closest(".region");
      if (!shape || (ev.key !== "Enter" && ev.key !== " ")) return;
      ev.preventDefault();
      var at = centre(shape.dataset.region, shape.dataset.side);
      add(shape, at[0], at[1]);
    });
    rows.addEventListener("change", function (ev) {
      var name = ev.target.name || "";
      if (/-(body_region|side)$/.test(name)) {
        // Moved to another region by hand: the marker goes to that region's middle.
        var row = ev.target.closest("[data-injury-row]");
        field(row, "chart_x").value = "";
        field(row, "chart_y").value = "";
      }
      redraw();
    });
    redraw();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-bodychart-form]").forEach(init);
  });
})();
