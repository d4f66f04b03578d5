// Progressive enhancement for the Monte Carlo form: start a job through the API, draw its
// progress (runs done of runs) as it goes, then the result. Without JavaScript the form posts.
(function () {
  "use strict";
  const form = document.getElementById("montecarlo-form");
  if (!form || !window.fetch) return;
  const bar = document.getElementById("montecarlo-progress");
  const status = document.getElementById("montecarlo-status");
  const out = document.getElementById("montecarlo-result");
  let names = {};
  try { names = JSON.parse(out.dataset.outcomes || "{}"); } catch (e) { names = {}; }

  function row(body, label, value) {
    const tr = body.insertRow();
    [label, String(value)].forEach((text) => {
      const td = document.createElement("td");
      td.textContent = text;
      tr.appendChild(td);
    });
  }

  function render(result) {
    out.textContent = "";
    const wrap = document.createElement("div");
    wrap.className = "scroll";
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", out.dataset.outcome);
    const table = document.createElement("table");
    table.className = "montecarlo";
    const head = table.createTHead().insertRow();
    [out.dataset.outcome, out.dataset.perRun].forEach((text) => {
      const th = document.createElement("th");
      th.textContent = text;
      head.appendChild(th);
    });
    const body = table.createTBody();
    Object.entries(result.totals_per_run).forEach(([k, v]) => row(body, names[k] || k, v));
    row(body, out.dataset.dissolutions, result.dissolutions.mean);
    row(body, out.dataset.crises, result.crises);
    wrap.appendChild(table);
    out.appendChild(wrap);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    const body = { runs: Number(data.runs || 5), years: Number(data.years || 5), seed: Number(data.seed || 1) };
    const query = new URLSearchParams();
    new URLSearchParams(window.location.search).forEach((value, key) => {
      if (key === "profile" || key === "as_of" || key === "set") query.append(key, value);
    });
    bar.hidden = false;
    bar.value = 0;
    status.textContent = "…";
    let job;
    try {
      const response = await fetch("/api/montecarlo" + (query.toString() ? "?" + query : ""), {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      });
      job = await response.json();
      if (!response.ok) throw new Error(typeof job.detail === "string" ? job.detail : JSON.stringify(job.detail));
    } catch (err) {
      status.textContent = String(err.message || err);
      bar.hidden = true;
      return;
    }
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const response = await fetch("/api/montecarlo/" + job.id);
      job = await response.json();
      bar.value = job.total ? job.done / job.total : 0;
      status.textContent = job.done + " / " + job.total + " " + (out.dataset.runs || "");
      if (job.status === "done") {
        render(job.result);
        status.textContent = "✓ " + job.total + " " + (out.dataset.runs || "");
        break;
      }
      if (job.status === "failed" || !response.ok) {
        status.textContent = job.error || job.detail || "failed";
        break;
      }
    }
    bar.hidden = true;
  });
})();
