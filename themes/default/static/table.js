/* Sortable columns and a text filter for the summary tables (salaries, skill and industry
 * pages). Our own small script, no library, ES2017. Without it the tables read as they are:
 * the buttons and the filter field are only added when the script runs.
 *
 * Markup it reads:
 *   <table data-sortable>    every <th> of the header row becomes a sort button
 *   <th data-sort-type="number">  sort that column by number instead of text
 *   <td data-sort="...">     the value to sort by (otherwise the cell's text)
 *   <table data-filterable>  one filter field above the first such table filters them all
 */
(function () {
  "use strict";

  var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });

  /** The value a cell sorts by: its data-sort attribute, else its text. */
  function sortValue(row, index, numeric) {
    var cell = row.cells[index];
    var raw = "";
    if (cell) {
      raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : shownText(cell).trim();
    }
    if (!numeric) {
      return raw;
    }
    var number = parseFloat(raw);
    return isNaN(number) ? -Infinity : number;
  }

  function compare(a, b, numeric) {
    if (numeric) {
      return a < b ? -1 : a > b ? 1 : 0;
    }
    return collator.compare(a, b);
  }

  /** The text a cell or row shows: words only for screen readers (`.visually-hidden`) do
   * not count, so a filter cannot match them on every row. */
  function shownText(node) {
    var text = "";
    for (var child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        text += child.nodeValue;
      } else if (child.nodeType === 1 && !child.classList.contains("visually-hidden")) {
        text += shownText(child);
      }
    }
    return text;
  }

  /** Sorts the table's body by column `index`; ties keep the page's original order. */
  function sortBy(table, headers, index) {
    var header = headers[index];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var numeric = header.getAttribute("data-sort-type") === "number";
    var body = table.tBodies[0];
    var keyed = Array.prototype.map.call(body.rows, function (row) {
      return { row: row, key: sortValue(row, index, numeric), order: Number(row.getAttribute("data-order")) };
    });
    keyed.sort(function (a, b) {
      var result = compare(a.key, b.key, numeric);
      if (!ascending) {
        result = -result;
      }
      return result !== 0 ? result : a.order - b.order;
    });
    var fragment = document.createDocumentFragment();
    keyed.forEach(function (item) {
      fragment.appendChild(item.row);
    });
    body.appendChild(fragment);
    headers.forEach(function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  /** Turns each header cell's content into a button that sorts by its column. */
  function makeSortable(table) {
    var body = table.tBodies[0];
    if (!table.tHead || !body || table.tHead.rows.length === 0) {
      return;
    }
    Array.prototype.forEach.call(body.rows, function (row, i) {
      row.setAttribute("data-order", String(i));
    });
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) {
        button.appendChild(th.firstChild);
      }
      var icon = document.createElement("span");
      icon.className = "sort-icon";
      icon.setAttribute("aria-hidden", "true");
      button.appendChild(icon);
      th.appendChild(button);
      button.addEventListener("click", function () {
        sortBy(table, headers, index);
      });
    });
  }

  /** The page's words for the filter: theme.js reads data-strings on .table-filter. */
  var say = function (key) {
    return key;
  };

  function countText(visible, total) {
    return visible === total ? say("showing_all", { n: total }) : say("showing_some", { n: total, visible: visible });
  }

  /** Adds one filter field for all filterable tables, with a live count of visible rows. */
  function addFilter(tables) {
    var rows = [];
    tables.forEach(function (table) {
      if (table.tBodies[0]) {
        rows = rows.concat(Array.prototype.slice.call(table.tBodies[0].rows));
      }
    });
    if (rows.length === 0) {
      return;
    }
    var texts = null;
    // The theme's templates write the field (partials/table_filter.html) so that its room
    // is kept from the first paint; a template that does not gets one made here.
    var input = document.getElementById("table-filter-input");
    var status = document.getElementById("table-filter-count");
    var box = input && input.closest(".table-filter");
    if (box && window.guideWords) {
      say = window.guideWords(box);
    }
    if (!input || !status) {
      var wrap = document.createElement("div");
      wrap.className = "table-filter";
      var label = document.createElement("label");
      label.htmlFor = "table-filter-input";
      label.textContent = say("filter_roles", {});
      input = document.createElement("input");
      input.type = "search";
      input.id = "table-filter-input";
      input.autocomplete = "off";
      input.spellcheck = false;
      input.placeholder = say("filter_placeholder", {});
      status = document.createElement("p");
      status.className = "filter-count";
      status.id = "table-filter-count";
      status.setAttribute("aria-live", "polite");
      input.setAttribute("aria-describedby", status.id);
      wrap.appendChild(label);
      wrap.appendChild(input);
      wrap.appendChild(status);
      var first = tables[0];
      var anchor = first.closest("section") || first.closest(".table-wrap") || first;
      anchor.parentNode.insertBefore(wrap, anchor);
    }
    var all = countText(rows.length, rows.length);
    if (status.textContent !== all) {
      status.textContent = all;
    }

    var timer = 0;
    function apply() {
      if (texts === null) {
        texts = rows.map(function (row) {
          return shownText(row).toLowerCase();
        });
      }
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var visible = 0;
      rows.forEach(function (row, i) {
        var match = words.every(function (word) {
          return texts[i].indexOf(word) !== -1;
        });
        row.hidden = !match;
        if (match) {
          visible += 1;
        }
      });
      status.textContent = visible === 0 ? say("no_match", { query: input.value.trim() }) : countText(visible, rows.length);
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, rows.length > 2000 ? 150 : 30);
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), makeSortable);
    var filterable = Array.prototype.slice.call(document.querySelectorAll("table[data-filterable]"));
    if (filterable.length > 0) {
      addFilter(filterable);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
