/* search.js: filters the incidents of search-index.js as one types, by
 * words, cause and year, and keeps the search in the address (?q=) so it
 * can be linked.  No dependency, no eval; data reaches the page only
 * through textContent. */
(function () {
	"use strict";
	var data = window.PMSITE_SEARCH;
	var form = document.getElementById("search");
	if (!form || !Array.isArray(data) || !window.URLSearchParams)
		return;
	var q = form.elements.q, cause = form.elements.cause;
	var year = form.elements.year;
	var root = form.getAttribute("data-root") || "";
	var status = document.getElementById("search-status");
	var list = document.getElementById("search-results");
	/* The word characters of is_word_char() in generator/search.c: the
	 * two must agree, or typed words miss indexed ones. */
	var WORD = new RegExp("[0-9a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u1fff" +
	    "\u2c00-\u2fff\u3040-\ud7ff\ue000-\ufdff\ufe10-\ufefe" +
	    "\uff00-\uffff]+", "g");
	var names = {}, i, o;

	/* Lowercase without accents, so "Cafe" finds "café". */
	function fold(s) {
		s = String(s || "").toLowerCase();
		return s.normalize ?
		    s.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : s;
	}
	var items = data.map(function (d) {
		return { d: d, w: fold(d.words).split(" ") };
	});
	for (i = 0; i < cause.options.length; i++) {
		o = cause.options[i];
		if (o.value)
			names[o.value] = o.getAttribute("data-name") || o.value;
	}

	function has(words, t) {
		for (var k = 0; k < words.length; k++)
			if (words[k].lastIndexOf(t, 0) === 0)
				return true;
		return false;
	}
	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls)
			e.className = cls;
		if (text)
			e.textContent = text;
		return e;
	}
	function card(d) {
		var li = el("li", "card"), h = el("h3");
		var a = el("a", "", d.title);
		var meta = [d.date, names[d.category] || d.category];
		a.href = root + "incidents/" + encodeURIComponent(d.slug) +
		    "/index.html";
		h.appendChild(a);
		li.appendChild(h);
		meta = meta.concat(d.services || []).filter(Boolean);
		if (meta.length)
			li.appendChild(el("p", "meta", meta.join(" \u00b7 ")));
		if (d.summary)
			li.appendChild(el("p", "", d.summary));
		return li;
	}
	/* Every query word must begin some word of the incident. */
	function update() {
		var terms = fold(q.value).match(WORD) || [], c = cause.value;
		var y = year.value, found = [], p = new URLSearchParams(), n;
		list.textContent = "";
		if (q.value)
			p.set("q", q.value);
		if (c)
			p.set("cause", c);
		if (y)
			p.set("year", y);
		try {
			history.replaceState(null, "", p.toString() ?
			    "?" + p.toString() : location.pathname);
		} catch (e) {
			/* Some browsers refuse it on file:// pages. */
		}
		if (!terms.length && !c && !y) {
			status.textContent = "";
			return;
		}
		items.forEach(function (it) {
			if ((!c || it.d.category === c) &&
			    (!y || String(it.d.year) === y) &&
			    terms.every(function (t) { return has(it.w, t); }))
				found.push(it.d);
		});
		n = found.length;
		status.textContent = n ?
		    n + (n === 1 ? " incident" : " incidents") :
		    "No incident matches.";
		found.forEach(function (d) { list.appendChild(card(d)); });
	}
	function pick(select, value) {
		select.value = value || "";
		if (select.selectedIndex < 0)
			select.selectedIndex = 0;
	}

	var params = new URLSearchParams(location.search);
	q.value = params.get("q") || "";
	pick(cause, params.get("cause"));
	pick(year, params.get("year"));
	form.addEventListener("input", update);
	form.addEventListener("change", update);
	form.addEventListener("submit", function (e) {
		e.preventDefault();
		update();
	});
	form.hidden = false;
	update();
}());
