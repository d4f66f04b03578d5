// Progressive enhancement for the forecast form: start a job through the API, show its
// progress, then render the result. Without JavaScript the form posts and the server answers.
(function () {
  "use strict";
  const form = document.getElementById("forecast-form");
  if (!form || !window.fetch) return;
  const bar = document.getElementById("forecast-progress");
  const status = document.getElementById("forecast-status");
  const out = document.getElementById("forecast-result");

  function cell(row, text) {
    const td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
  }

  function render(result) {
    out.textContent = "";
    const table = document.createElement("table");
    table.className = "forecast";
    const head = table.createTHead().insertRow();
    const targets = Object.keys(result.targets);
    let names = {};
    try { names = JSON.parse(out.dataset.targets || "{}"); } catch (e) { names = {}; }
    const heads = [out.dataset.party || "party", out.dataset.mean || "mean", "5–95 %"];
    heads.concat(targets.map((t) => "P(" + (names[t] || t) + " ≥ " + result.targets[t] + ")")).forEach((h) => {
      const th = document.createElement("th");
      th.textContent = h;
      head.appendChild(th);
    });
    const body = table.createTBody();
    Object.entries(result.parties).forEach(([name, e]) => {
      const row = body.insertRow();
      cell(row, name);
      cell(row, e.mean.toFixed(1));
      cell(row, e.p5 + "–" + e.p95);
      targets.forEach((t) => {
        let text = e["p_" + t].toFixed(3);
        if (("p_" + t + "_with_bloc") in e) text += " / " + e["p_" + t + "_with_bloc"].toFixed(3);
        cell(row, text);
      });
    });
    const wrap = document.createElement("div");
    wrap.className = "scroll";
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", heads[0]);
    wrap.appendChild(table);
    out.appendChild(wrap);
    const figure = document.createElement("figure");
    figure.innerHTML = result.chart; // server-made SVG: every label escaped there
    out.appendChild(figure);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    const body = {
      shares: data.shares,
      concentration: Number(data.concentration || 100),
      draws: Number(data.draws || 10000),
      seed: data.seed === "" ? null : Number(data.seed),
      assembly_with: data.assembly_with || null,
    };
    bar.hidden = false;
    bar.value = 0;
    status.textContent = "…";
    let job;
    try {
      const query = new URLSearchParams();
      new URLSearchParams(window.location.search).forEach((value, key) => {
        if (key === "profile" || key === "as_of" || key === "set") query.append(key, value);
      });
      const response = await fetch("/api/forecasts" + (query.toString() ? "?" + query : ""), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      job = await response.json();
      if (!response.ok) throw new Error(typeof job.detail === "string" ? job.detail : JSON.stringify(job.detail));
    } catch (err) {
      status.textContent = String(err.message || err);
      bar.hidden = true;
      return;
    }
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const response = await fetch("/api/forecasts/" + job.id);
      job = await response.json();
      bar.value = job.total ? job.done / job.total : 0;
      status.textContent = job.done.toLocaleString() + " / " + job.total.toLocaleString();
      if (job.status === "done") {
        render(job.result);
        status.textContent = "✓ " + job.total.toLocaleString();
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
