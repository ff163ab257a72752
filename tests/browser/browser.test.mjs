// browser.test.mjs: the built site in a real browser.  Debian's chromium,
// driven by playwright-core, opens the sample site from disk (file://) and
// from a small static server on 127.0.0.1, at phone and desktop widths, in
// light and dark mode, and checks what a reader would notice: script
// errors, a timeline picture whose labels do not overlap, a search that
// narrows as one types, filters that filter, no sideways scrolling on a
// phone, and no script smuggled in through a postmortem.
//
// usage: node tests/browser/browser.test.mjs   (tests/browser/run.sh)
// Environment: PMSITE (the binary; default build/pmsite), CHROMIUM
// (default /usr/bin/chromium), CI (when "true", a missing browser fails).
// Ends with "browser: N passed, M failed"; exit 1 on any failure.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const pmsite = path.resolve(root, process.env.PMSITE || "build/pmsite");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const shots = path.join(here, "screenshots");
const widths = [360, 1280];
const schemes = ["light", "dark"];

let passed = 0;
let failed = 0;
const notes = [];
const failures = [];

function check(name, ok, detail) {
	if (ok) {
		passed++;
		console.log(`ok   ${name}`);
	} else {
		failed++;
		failures.push(`FAIL ${name}${detail ? ": " + detail : ""}`);
		console.log(failures[failures.length - 1]);
	}
	return ok;
}

function finish() {
	for (const n of notes)
		console.log(`note ${n}`);
	// Again at the end, where a runner showing the last lines sees them.
	if (failures.length)
		console.log(["failures:", ...failures.slice(0, 15)].join("\n"));
	console.log(`browser: ${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

// Where chromium is missing the test cannot run; on CI that is a failure
// (tests/deps.sh test installs it), elsewhere a clearly stated skip.
if (!fs.existsSync(chromiumPath)) {
	if (process.env.CI === "true") {
		check(`chromium at ${chromiumPath}`, false,
		    "missing; run sh tests/deps.sh test");
	} else {
		console.log(`skipped: no chromium at ${chromiumPath} ` +
		    "(sh tests/deps.sh test installs it); nothing was checked");
	}
	finish();
}
const { chromium } = await import("playwright-core");

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pmsite-browser-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));
fs.rmSync(shots, { recursive: true, force: true });
fs.mkdirSync(shots, { recursive: true });

function build(args, cwd) {
	try {
		execFileSync(pmsite, ["build", "-q", "--worktree", ...args],
		    { cwd, stdio: ["ignore", "pipe", "pipe"] });
		return true;
	} catch (e) {
		check(`pmsite build ${args.join(" ")}`, false,
		    String(e.stderr || e.message).trim());
		return false;
	}
}

// A postmortem written to attack the page that shows it: every field a
// template prints carries markup that would run if it were not escaped.
const hostile = [
	"---",
	"title: \"<script>alert(1)</script> <img src=x onerror=alert(2)>\"",
	"severity: \"<img src=x onerror=alert(3)>\"",
	"services: [\"<script>alert(4)</script>\", \"web\"]",
	"tags: [\"<svg onload=alert(5)>\"]",
	"date: 2024-02-03",
	"---",
	"# <script>alert(6)</script> heading",
	"",
	"Summary with <script>alert(7)</script> and <img src=x " +
	    "onerror=alert(8)> and [a link](javascript:alert(9)) and " +
	    "<a href=\"javascript:alert(10)\">another</a>.",
	"",
	"## Timeline",
	"",
	"- 10:00 UTC <img src=x onerror=alert(11)> errors start",
	"- 10:20 UTC <script>alert(12)</script> the alert fires",
	"- 10:45 UTC resolved <iframe src=\"javascript:alert(13)\"></iframe>",
	"",
	"## Root cause",
	"",
	"<details open ontoggle=alert(14)>bad</details> " +
	    "`<script>alert(15)</script>` in code is fine as text.",
	"",
].join("\n");

// The files of a built site over HTTP, as GitHub Pages would serve them.
function serve(dir) {
	const types = {
		".html": "text/html; charset=utf-8", ".css": "text/css",
		".js": "text/javascript", ".svg": "image/svg+xml",
		".json": "application/json", ".xml": "application/xml",
	};
	const server = http.createServer((req, res) => {
		let rel = decodeURIComponent(new URL(req.url,
		    "http://localhost").pathname);
		if (rel.endsWith("/"))
			rel += "index.html";
		const file = path.join(dir, path.normalize(rel));
		if (!file.startsWith(dir + path.sep) ||
		    !fs.existsSync(file) || !fs.statSync(file).isFile()) {
			res.writeHead(404);
			res.end("not found");
			return;
		}
		res.writeHead(200, { "Content-Type":
		    types[path.extname(file)] || "application/octet-stream" });
		fs.createReadStream(file).pipe(res);
	});
	return new Promise((resolve) =>
	    server.listen(0, "127.0.0.1", () => resolve(server)));
}

// Open url in a new page at width and scheme, recording every console
// error, uncaught exception and dialog.
async function open(context, url, width, scheme) {
	const page = await context.newPage();
	const problems = [];
	const dialogs = [];
	page.on("console", (m) => {
		if (m.type() === "error")
			problems.push(`console: ${m.text()}`);
	});
	page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
	page.on("dialog", async (d) => {
		dialogs.push(`${d.type()}: ${d.message()}`);
		await d.dismiss().catch(() => {});
	});
	await page.setViewportSize({ width, height: 900 });
	await page.emulateMedia({ colorScheme: scheme });
	await page.goto(url, { waitUntil: "load" });
	return { page, problems, dialogs };
}

function shotName(label, width, scheme) {
	return path.join(shots, `${label}-${width}-${scheme}.png`);
}

// Each visible picture (svg role=img with a <title>) and the pairs of its
// text labels whose boxes overlap by more than a pixel each way.
async function pictures(page) {
	return page.evaluate(() => {
		const out = [];
		for (const svg of document.querySelectorAll("svg[role=img]")) {
			const r = svg.getBoundingClientRect();
			const style = getComputedStyle(svg);
			if (!svg.querySelector(":scope > title") ||
			    r.width < 1 || r.height < 1 ||
			    style.visibility === "hidden" ||
			    svg.closest("[hidden]"))
				continue;
			const labels = [...svg.querySelectorAll("text")]
			    .map((t) => ({ s: t.textContent,
				r: t.getBoundingClientRect() }))
			    .filter((t) => t.r.width > 0 && t.r.height > 0);
			// The size a label is drawn at: its font size in
			// picture units times the scale of the picture.
			const vb = svg.viewBox.baseVal;
			const scale = vb && vb.width ? r.width / vb.width : 1;
			const heights = [...svg.querySelectorAll("text")]
			    .filter((t) => t.getBoundingClientRect().width > 0)
			    .map((t) => parseFloat(getComputedStyle(t)
			    .fontSize) * scale);
			// Markers drawn black have no style sheet: the
			// second picture of a page has none of its own and
			// must be styled by the first one's.
			const unstyled = [...svg.querySelectorAll(".pm-mark")]
			    .filter((m) => getComputedStyle(m).fill ===
			    "rgb(0, 0, 0)").length;
			const overlaps = [];
			const clash = (a, b) => {
				const w = Math.min(a.r.right, b.r.right) -
				    Math.max(a.r.left, b.r.left);
				const h = Math.min(a.r.bottom, b.r.bottom) -
				    Math.max(a.r.top, b.r.top);
				if (w > 1 && h > 1)
					overlaps.push(`"${a.s}" / "${b.s}" (` +
					    `${w.toFixed(1)}x${h.toFixed(1)})`);
			};
			for (let i = 0; i < labels.length; i++)
				for (let j = i + 1; j < labels.length; j++)
					clash(labels[i], labels[j]);
			out.push({
				title: svg.querySelector(":scope > title")
				    .textContent,
				viewBox: svg.getAttribute("viewBox"),
				width: Math.round(r.width),
				labels: labels.length, overlaps, unstyled,
				minHeight: Math.min(...heights),
				maxHeight: Math.max(...heights),
			});
		}
		return out;
	});
}

// Labels must read like the text around them (16 px), not like a
// headline or a footnote: drawn between 9 and 24 px.  A picture drawn for
// one width and stretched to another fails this.
function readable(pic) {
	return pic.labels > 0 && pic.minHeight >= 9 && pic.maxHeight <= 24;
}

function sizes(pic) {
	return `labels drawn at ${pic.minHeight.toFixed(1)} to ` +
	    `${pic.maxHeight.toFixed(1)} px, the picture ${pic.width} ` +
	    `px wide for a viewBox of ${pic.viewBox}`;
}

async function noSidewaysScroll(page) {
	return page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		inner: window.innerWidth,
	}));
}

// The pages of the sample site this test looks at, found the way a reader
// would: the incident with the longest timeline, and the first cause.
function choosePages(site) {
	const incidents = JSON.parse(fs.readFileSync(path.join(site,
	    "incidents.json"), "utf8"));
	const timed = incidents.filter((i) => (i.timeline || []).length > 1)
	    .sort((a, b) => b.timeline.length - a.timeline.length);
	const pages = [{ label: "home", rel: "index.html" }];
	const causes = path.join(site, "causes", "index.html");
	if (fs.existsSync(causes)) {
		const m = fs.readFileSync(causes, "utf8")
		    .match(/href="(?:\.\.\/)?(causes\/[^"/]+\/index\.html)"/);
		if (m)
			pages.push({ label: "cause", rel: m[1] });
		else
			notes.push("cause page skipped: causes/index.html " +
			    "links to no causes/<id>/index.html");
	} else {
		notes.push("cause page skipped: the site has no " +
		    "causes/index.html yet");
	}
	if (check("the sample site has an incident with a timeline",
	    timed.length > 0))
		pages.push({ label: "incident", timeline: true,
		    rel: `incidents/${timed[0].slug}/index.html` });
	pages.push({ label: "search", rel: "search/index.html" });
	return { pages, incidents, timed };
}

// One page at one width and scheme: errors, sideways scrolling on a
// phone, and for an incident its timeline picture.
async function checkPage(context, p, url, width, scheme) {
	const name = `${p.label} ${width}px ${scheme}`;
	const { page, problems } = await open(context, url, width, scheme);
	await page.screenshot({ fullPage: true,
	    path: shotName(p.label, width, scheme) });
	check(`${name}: no console or page errors`, problems.length === 0,
	    problems.join(" | "));
	if (width === 360) {
		const s = await noSidewaysScroll(page);
		check(`${name}: no horizontal scrollbar`, s.scroll <= s.inner,
		    `scrollWidth ${s.scroll} > innerWidth ${s.inner}`);
	}
	if (p.timeline) {
		const pics = await pictures(page);
		check(`${name}: a timeline picture is visible`,
		    pics.length > 0);
		for (const pic of pics) {
			const what = `${name}: labels of the ${pic.viewBox} ` +
			    "picture";
			check(`${what} (${pic.labels}) do not overlap`,
			    pic.overlaps.length === 0,
			    pic.overlaps.slice(0, 5).join("; "));
			check(`${what} are text-sized`, readable(pic),
			    sizes(pic));
			check(`${what}: markers coloured by the style sheet`,
			    pic.unstyled === 0, `${pic.unstyled} drawn black`);
		}
		await page.locator("svg[role=img]:visible").first()
		    .screenshot({ path: shotName("timeline", width, scheme) })
		    .catch(() => {});
	}
	await page.close();
}

async function checkPageMatrix(context, site, pages) {
	for (const p of pages) {
		const url = pathToFileURL(path.join(site, p.rel)).href;
		for (const width of widths)
			for (const scheme of schemes)
				await checkPage(context, p, url, width, scheme);
	}
}

// Every timeline of the site at both widths: labels must not collide on
// any incident, not only the one in the screenshots.
async function checkAllTimelines(context, site, timed) {
	for (const inc of timed) {
		const url = pathToFileURL(path.join(site, "incidents",
		    inc.slug, "index.html")).href;
		for (const width of widths) {
			const { page } = await open(context, url, width,
			    "light");
			const pics = await pictures(page);
			const bad = pics.filter((p) => p.overlaps.length ||
			    !readable(p) || p.unstyled);
			check(`timeline of ${inc.slug} at ${width}px: shown, ` +
			    "labels apart and text-sized",
			    pics.length > 0 && bad.length === 0,
			    pics.length === 0 ? "no visible picture" :
			    bad.map((p) => `${p.viewBox}: ` +
			    [sizes(p), `${p.unstyled} markers unstyled`,
			    ...p.overlaps.slice(0, 3)].join("; "))
			    .join(" | "));
			await page.locator("svg[role=img]:visible").first()
			    .screenshot({ path: path.join(shots,
			    `timeline-${inc.slug}-${width}.png`) })
			    .catch(() => {});
			await page.close();
		}
	}
}

// The number the search page shows: its result list, and the count in its
// status line, which must agree.
async function resultCount(page) {
	return page.evaluate(() => {
		const list = document.getElementById("search-results");
		return list ? list.querySelectorAll(":scope > li").length : -1;
	});
}

async function checkSearch(context, site, incidents) {
	const url = pathToFileURL(path.join(site, "search",
	    "index.html")).href;
	const { page, problems } = await open(context, url, 1280, "light");
	const box = page.getByRole("searchbox").first();
	if (!check("search: a search box is visible",
	    await box.isVisible().catch(() => false))) {
		await page.close();
		return;
	}
	const initial = await resultCount(page);
	// The rarest longish word of the titles: typing it letter by letter
	// must narrow the results down to its incident.
	const seen = new Map();
	for (const inc of incidents)
		for (const w of new Set((inc.title || "").toLowerCase()
		    .match(/[a-z]{5,}/g) || []))
			seen.set(w, (seen.get(w) || 0) + 1);
	const word = [...seen.entries()].sort((a, b) => a[1] - b[1] ||
	    b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1))[0][0];
	const owner = incidents.find((i) =>
	    i.title.toLowerCase().includes(word));
	await box.click();
	await box.pressSequentially(word.slice(0, 1));
	const first = await resultCount(page);
	await box.pressSequentially(word.slice(1));
	const full = await resultCount(page);
	const titles = await page.locator("#search-results a")
	    .allTextContents();
	check(`search: typing "${word}" narrows the results ` +
	    `(${first} after "${word[0]}", ${full} after the word)`,
	    full > 0 && full < first);
	check(`search: "${word}" finds "${owner.title}"`,
	    titles.includes(owner.title), titles.join(" | "));
	const status = await page.getByRole("status").first().textContent()
	    .catch(() => "");
	check("search: the status line says how many",
	    (status || "").includes(String(full)), status);
	await page.screenshot({ path: shotName("search-typed", 1280,
	    "light"), fullPage: true });
	for (let i = 1; i < word.length; i++)
		await box.press("Backspace");
	const back = await resultCount(page);
	check(`search: deleting back to "${word[0]}" widens the results ` +
	    `again (${back})`, back === first && back > full);
	await box.press("Backspace");
	check("search: an empty box shows what it showed at first",
	    (await resultCount(page)) === initial);

	// Each filter: choose the first real option and compare with what
	// incidents.json says it should select.
	const filters = [
		{ label: "Cause", key: (i) => i.category },
		{ label: "Year", key: (i) => (i.start || i.date || "")
		    .slice(0, 4) },
	];
	for (const f of filters) {
		const select = page.getByLabel(f.label, { exact: true });
		if (!check(`search: a ${f.label.toLowerCase()} filter`,
		    (await select.count()) === 1))
			continue;
		const [value, label] = await select.evaluate((s) => {
			const o = [...s.options].find((x) => x.value);
			return o ? [o.value, o.textContent] : ["", ""];
		});
		await select.selectOption(value);
		const n = await resultCount(page);
		const want = incidents.filter((i) =>
		    String(f.key(i)) === value).length;
		// The option's own "(N)" must agree with what it selects.
		const said = (label.match(/\((\d+)\)\s*$/) || [])[1];
		check(`search: ${f.label.toLowerCase()} "${value}" shows its ` +
		    `${want} incident(s)`, n === want && n > 0 &&
		    (said === undefined || Number(said) === n),
		    `${n} shown; the option says "${label}"`);
		await select.selectOption("");
	}
	await page.screenshot({ path: shotName("search-filtered", 1280,
	    "light"), fullPage: true });
	check("search: no console or page errors while searching",
	    problems.length === 0, problems.join(" | "));
	await page.close();
}

async function checkServed(context, site) {
	const server = await serve(site);
	const base = `http://127.0.0.1:${server.address().port}/`;
	try {
		for (const rel of ["", "search/index.html"]) {
			const { page, problems } = await open(context,
			    base + rel, 1280, "light");
			const label = rel ? "served search" : "served home";
			check(`${label} over http://127.0.0.1: loads without ` +
			    "errors", problems.length === 0,
			    problems.join(" | "));
			const css = await page.evaluate(() => getComputedStyle(
			    document.body).fontFamily);
			check(`${label}: the theme's stylesheet applies`,
			    !/^"?Times/.test(css), css);
			if (!rel)
				await page.screenshot({ fullPage: true,
				    path: shotName("served-home", 1280,
				    "light") });
			await page.close();
		}
	} finally {
		server.close();
	}
}

async function checkHostile(context) {
	const dir = path.join(tmp, "hostile");
	const site = path.join(tmp, "hostile-site");
	fs.mkdirSync(path.join(dir, "content"), { recursive: true });
	fs.writeFileSync(path.join(dir, "content",
	    "2024-02-03-hostile.md"), hostile);
	if (!build(["--repo", dir, "--out", site], root))
		return;
	const incident = JSON.parse(fs.readFileSync(path.join(site,
	    "incidents.json"), "utf8"))[0];
	const rels = ["index.html", `incidents/${incident.slug}/index.html`,
	    "search/index.html"];
	for (const rel of rels) {
		const { page, dialogs } = await open(context,
		    pathToFileURL(path.join(site, rel)).href, 1280, "light");
		if (rel.startsWith("search"))
			await page.getByRole("searchbox").first()
			    .pressSequentially("alert").catch(() => {});
		// Give onerror handlers and timers the chance to run.
		await page.waitForTimeout(300);
		const found = await page.evaluate(() => ({
			handlers: [...document.querySelectorAll("*")].filter(
			    (e) => [...e.attributes].some((a) =>
			    /^on/i.test(a.name))).map((e) => e.tagName),
			scripts: [...document.scripts].filter((s) =>
			    /alert/.test(s.textContent)).length,
			jsLinks: [...document.querySelectorAll("[href],[src]")]
			    .filter((e) => /^\s*javascript:/i.test(
			    e.getAttribute("href") || e.getAttribute("src")))
			    .length,
			text: document.body.textContent,
		}));
		check(`hostile ${rel}: no dialog opened`, dialogs.length === 0,
		    dialogs.join(" | "));
		check(`hostile ${rel}: no event handler, script or ` +
		    "javascript: link from the postmortem",
		    found.handlers.length === 0 && found.scripts === 0 &&
		    found.jsLinks === 0, JSON.stringify({ ...found,
		    text: undefined }));
		if (!rel.startsWith("search"))
			check(`hostile ${rel}: the title shows as text`,
			    found.text.includes("<script>alert(1)</script>"));
		await page.screenshot({ fullPage: true, path: shotName(
		    "hostile-" + rel.split("/")[0].replace(".html", ""),
		    1280, "light") });
		await page.close();
	}
}

const site = path.join(tmp, "site");
let context = null;
try {
	if (build(["--out", site], root)) {
		// A profile of its own, made fresh and removed after: nothing
		// of a previous run or of the user's own browser leaks in.
		context = await chromium.launchPersistentContext(
		    path.join(tmp, "profile"), {
			executablePath: chromiumPath,
			headless: true,
			args: ["--no-sandbox", "--disable-gpu",
			    "--disable-quic", "--no-first-run",
			    "--disable-background-networking",
			    "--disable-component-update", "--disable-sync"],
		});
		const { pages, incidents, timed } = choosePages(site);
		await checkPageMatrix(context, site, pages);
		await checkAllTimelines(context, site, timed);
		await checkSearch(context, site, incidents);
		await checkServed(context, site);
		await checkHostile(context);
	}
} catch (e) {
	check("the browser test ran to its end", false, e.stack || String(e));
} finally {
	if (context)
		await context.close().catch(() => {});
}
console.log(`screenshots: ${shots}`);
finish();
