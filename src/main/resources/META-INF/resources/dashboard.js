// sluice dashboard: polls /api/rollouts every 2 seconds and redraws; no framework, no innerHTML.
"use strict";
(function () {
  const POLL_MS = 2000;
  const root = document.getElementById("rollouts");
  const summary = document.getElementById("summary");

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined) node.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined || c === "") continue;
      node.append(c instanceof Node ? c : String(c));
    }
    return node;
  }

  const pct = (w) => (Math.round(w * 100) / 100) + "%";
  const side = (s) => s ? s.name + (s.version && s.version !== s.name ? " (" + s.version + ")" : "") : "?";
  const shortCommit = (c) => c ? c.substring(0, 12) : "none yet";
  const time = (t) => t ? new Date(t).toLocaleString() : "";

  function weights(r) {
    if (!r.stable && !r.canary) return el("p", {class: "weights"}, "no split recorded");
    // what AWS serves: the live weight while it differs from the weight set (an ECS deployment still starting tasks)
    const serving = side => side.live !== undefined && side.live !== null ? side.live : side.weight;
    const canary = r.canary ? serving(r.canary) : 0;
    const stable = r.stable ? serving(r.stable) : 100 - canary;
    const label = "stable " + side(r.stable) + " " + pct(stable) + ", canary " + side(r.canary) + " " + pct(canary);
    const bar = el("div", {class: "bar", role: "img", "aria-label": label},
      el("div", {class: "stable", style: "width:" + stable + "%"}, stable > 0 ? side(r.stable) + " " + pct(stable) : ""),
      el("div", {class: "canary", style: "width:" + canary + "%"}, canary > 0 ? side(r.canary) + " " + pct(canary) : ""));
    return el("div", {class: "weights", "data-split": Math.round(stable) + "/" + Math.round(canary)},
      el("span", {class: "split"}, "weights " + Math.round(stable) + "/" + Math.round(canary) + " (stable/canary)"), bar);
  }

  function value(c) {
    if (c.value === null || c.value === undefined) return "no data";
    return String(Math.round(c.value * 10000) / 10000);
  }

  const num = (v) => v === null || v === undefined ? "?" : Number.isFinite(v) ? String(Number(v.toPrecision(3))) : String(v);

  // a judge's last statistics in one line: test, statistic, p, e, effect, and a rise in spread
  function judged(c) {
    if (!c.judge) return null;
    const j = c.judge;
    const rule = "judge " + j.direction + " by " + num(j.minEffect * 100) + "% at " + num(j.confidence * 100) + "% (" + j.mode + ")";
    if (!j.last) return el("div", {class: "judge"}, rule);
    const l = j.last;
    return el("div", {class: "judge", "data-judge": l.test},
      rule + ": " + l.test + " " + num(l.statistic) + ", p " + num(l.pValue) + ", e " + num(l.eValue)
      + ", effect " + (Number.isFinite(l.effect) ? (l.effect >= 0 ? "+" : "") + num(l.effect * 100) + "%" : num(l.effect)),
      l.varianceRise ? el("span", {class: "variance-rise"}, " spread rose" + (j.failOnVarianceRise ? " (fails)" : " (shown only)")) : null);
  }

  function checks(r) {
    if (!r.checks.length) return null;
    const rows = r.checks.map((c) => el("tr", {"data-check": c.name, "data-dry-run": c.dryRun ? "true" : null},
      el("td", {}, c.name, c.dryRun ? el("span", {class: "dry-run", title: "measured and shown only: never holds or rolls back"}, "dry run") : null),
      el("td", {}, c.kind), el("td", {class: "value"}, value(c)), el("td", {}, c.rule),
      el("td", {class: "result-" + (c.result || "none")}, c.result || "not measured"),
      el("td", {}, c.consecutiveFailures + " / " + c.consecutiveErrors + " / " + c.consecutiveNoData),
      el("td", {class: "detail"}, c.detail || "", c.count !== null && c.count !== undefined ? el("div", {class: "count"}, c.count + " counted") : null,
        judged(c))));
    return el("table", {class: "checks"},
      el("caption", {}, "Checks"),
      el("thead", {}, el("tr", {}, el("th", {scope: "col"}, "check"), el("th", {scope: "col"}, "kind"),
        el("th", {scope: "col"}, "value"), el("th", {scope: "col"}, "threshold"), el("th", {scope: "col"}, "result"),
        el("th", {scope: "col"}, "failures / errors / no data in a row"), el("th", {scope: "col"}, "why"))),
      el("tbody", {}, ...rows));
  }

  function history(r) {
    if (!r.recentHistory.length) return null;
    return el("ol", {class: "history", "aria-label": "Recent history, newest first"},
      ...r.recentHistory.map((h) => el("li", {},
        time(h.at) + " " + h.event + (h.from ? " from " + h.from : "") + (h.to ? " to " + h.to : "")
        + (h.reason ? ": " + h.reason : ""))));
  }

  function card(r) {
    const step = r.step ? "step " + r.step.index + "/" + r.step.count : "no step";
    return el("section", {class: "rollout phase-" + r.phase, "data-rollout": r.name, "data-phase": r.phase,
        "aria-label": r.name + ": " + r.phase},
      el("h2", {}, r.name, el("span", {class: "phase"}, r.phase),
        r.reason ? el("span", {class: "reason-code", "data-reason": r.reason, title: "reason"}, r.reason) : null,
        el("span", {class: "kind"}, r.targetKind + " · " + r.source)),
      el("p", {class: "message"}, r.message),
      r.phase === "RolledBack" && r.lastRollback
        ? el("p", {class: "reason"}, "Rolled back: " + (r.lastRollback.reason || "no reason recorded")) : null,
      r.desiredProblem ? el("p", {class: "problem desired-problem"}, "Rollout file problem: " + r.desiredProblem) : null,
      r.actionFailure ? el("p", {class: "problem action-failure"}, "Last AWS action failed: " + r.actionFailure) : null,
      weights(r),
      el("div", {class: "facts"},
        el("span", {class: "step"}, step),
        el("span", {}, "desired " + r.desiredVersion),
        r.pausedUntil ? el("span", {}, "paused until " + time(r.pausedUntil)) : null,
        el("span", {class: "commit"}, "answers commit ", el("code", {}, shortCommit(r.commit)))),
      checks(r),
      history(r));
  }

  let shown = null;

  function render(text) {
    const list = JSON.parse(text);
    if (text !== shown) {
      root.replaceChildren(...list.map(card));
      shown = text;
    }
    const counts = {};
    list.forEach((r) => { counts[r.phase] = (counts[r.phase] || 0) + 1; });
    const parts = Object.entries(counts).map(([p, n]) => n + " " + p);
    summary.className = "";
    summary.textContent = list.length + " rollout" + (list.length === 1 ? "" : "s")
      + (parts.length ? ": " + parts.join(", ") : "") + " · updated " + new Date().toLocaleTimeString();
  }

  async function poll() {
    try {
      const response = await fetch("/api/rollouts", {headers: {Accept: "application/json"}});
      if (!response.ok) throw new Error("HTTP " + response.status);
      render(await response.text());
    } catch (e) {
      summary.className = "stale";
      summary.textContent = "Cannot reach sluice (" + e.message + "); showing the last known state.";
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }
  poll();
})();
