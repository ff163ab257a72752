# report.awk: the Markdown tables of bench/RESULTS.md from the raw timings
# of bench/run.sh: medians per size and case, the git-facts table, the
# ratios asked for, and the growth from one size to the next.
#
# usage: awk -F '\t' -v sizesfile=SIZES -v factsfile=FACTS -f report.awk RAW
# RAW rows: N case run wall cpu rss_kb; SIZES: N case output_kb;
# FACTS: N run files commits load walk walk_cpu (tab-separated).
function median(list,    a, n, i, j, t) {
	n = split(list, a, " ")
	for (i = 1; i <= n; i++)
		for (j = i + 1; j <= n; j++)
			if (a[j] + 0 < a[i] + 0) {
				t = a[i]; a[i] = a[j]; a[j] = t
			}
	return a[int((n + 1) / 2)]
}
function has(n, c) { return ((n, c) in wall) }
function x(a, b) { return b > 0 ? sprintf("%.2f×", a / b) : "n/a" }
function pc(a, b) { return b > 0 ? sprintf("%.0f %%", 100 * a / b) : "n/a" }
BEGIN {
	names["floor"] = "floor (libgit2 + cmark-gfm, 1 thread)"
	names["pmsite-full"] = "pmsite full build"
	names["pmsite-noop"] = "pmsite no-op rebuild"
	names["pmsite-one"] = "pmsite rebuild, one file changed"
	names["hugo"] = "Hugo full build"
	names["git-log"] = "git log --name-only (reference)"
	ncase = split("pmsite-full pmsite-noop pmsite-one hugo floor " \
	    "git-log", cases, " ")
	while ((getline line < sizesfile) > 0) {
		split(line, g, "\t"); outkb[g[1], g[2]] = g[3]
	}
	while ((getline line < factsfile) > 0) {
		split(line, g, "\t")
		if (!(g[1] in fload)) { fn[g[1]] = g[3]; fc[g[1]] = g[4] }
		fload[g[1]] = fload[g[1]] " " g[5]
		fwalk[g[1]] = fwalk[g[1]] " " g[6]
		fwcpu[g[1]] = fwcpu[g[1]] " " g[7]
	}
}
{
	if (!($1 in seen)) { seen[$1] = 1; ns[++nn] = $1 }
	w[$1, $2] = w[$1, $2] " " $4
	cp[$1, $2] = cp[$1, $2] " " $5
	rs[$1, $2] = rs[$1, $2] " " $6
}
END {
	for (i = 1; i <= nn; i++)
		for (k = 1; k <= ncase; k++) {
			key = ns[i] SUBSEP cases[k]
			if (!(key in w)) continue
			wall[key] = median(w[key]); cpu[key] = median(cp[key])
			rss[key] = median(rs[key]) / 1024
		}
	print "| postmortems | case | wall s | CPU s | pages/s |" \
	    " peak RSS MB | output MB on disk |"
	print "| --: | --- | --: | --: | --: | --: | --: |"
	for (i = 1; i <= nn; i++) {
		n = ns[i]
		for (k = 1; k <= ncase; k++) {
			c = cases[k]
			if (!has(n, c)) continue
			o = ""
			if ((n, c) in outkb)
				o = sprintf("%.0f", outkb[n, c] / 1024)
			if (c == "pmsite-noop" || c == "pmsite-one")
				o = ""
			pps = 0
			if (wall[n, c] > 0)
				pps = n / wall[n, c]
			printf "| %d | %s | %.2f | %.2f | %.0f | %.0f | %s |\n",
			    n, names[c], wall[n, c], cpu[n, c], pps, rss[n, c],
			    o
		}
	}
	print ""
	print "Git facts alone (`bench/gitfacts_bench`, linked against" \
	    " build/libpmsite.a; seconds, medians):"
	print ""
	print "| postmortems | commits | open + load, wall |" \
	    " pm_gitfacts_fill alone (the walk), wall | the walk, CPU |" \
	    " git log --name-only, wall | git log, CPU |"
	print "| --: | --: | --: | --: | --: | --: | --: |"
	for (i = 1; i <= nn; i++) {
		n = ns[i]
		if (!(n in fload)) continue
		printf "| %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f |\n",
		    fn[n], fc[n], median(fload[n]), median(fwalk[n]),
		    median(fwcpu[n]), wall[n, "git-log"], cpu[n, "git-log"]
	}
	print ""
	print "Ratios (medians):"
	print ""
	print "| postmortems | pmsite/Hugo wall | pmsite/Hugo CPU |" \
	    " pmsite CPU / floor CPU | pmsite/Hugo peak RSS |" \
	    " no-op / full, wall | no-op / full, CPU |" \
	    " one change / full, wall | one change / full, CPU |"
	print "| --: | --: | --: | --: | --: | --: | --: | --: | --: |"
	for (i = 1; i <= nn; i++) {
		n = ns[i]; f = "pmsite-full"
		printf "| %d | %s | %s | %s | %s | %s | %s | %s | %s |\n", n,
		    has(n, "hugo") ? x(wall[n, f], wall[n, "hugo"]) : "n/a",
		    has(n, "hugo") ? x(cpu[n, f], cpu[n, "hugo"]) : "n/a",
		    x(cpu[n, f], cpu[n, "floor"]),
		    has(n, "hugo") ? x(rss[n, f], rss[n, "hugo"]) : "n/a",
		    pc(wall[n, "pmsite-noop"], wall[n, f]),
		    pc(cpu[n, "pmsite-noop"], cpu[n, f]),
		    pc(wall[n, "pmsite-one"], wall[n, f]),
		    pc(cpu[n, "pmsite-one"], cpu[n, f])
	}
	if (nn < 2) exit
	print ""
	print "Growth from one size to the next (time or memory at the" \
	    " larger size / at the smaller; linear growth is the ratio of" \
	    " the sizes):"
	print ""
	print "| sizes | pmsite wall | pmsite CPU | pmsite RSS | Hugo wall |" \
	    " Hugo CPU | Hugo RSS | floor CPU | history walk CPU |"
	print "| --- | --: | --: | --: | --: | --: | --: | --: | --: |"
	for (i = 2; i <= nn; i++) {
		lo = ns[i - 1]; hi = ns[i]; f = "pmsite-full"; h = "hugo"
		printf "| %d → %d (×%g) | %s | %s | %s | %s | %s | %s |" \
		    " %s | %s |\n",
		    lo, hi, hi / lo, x(wall[hi, f], wall[lo, f]),
		    x(cpu[hi, f], cpu[lo, f]), x(rss[hi, f], rss[lo, f]),
		    has(hi, h) ? x(wall[hi, h], wall[lo, h]) : "n/a",
		    has(hi, h) ? x(cpu[hi, h], cpu[lo, h]) : "n/a",
		    has(hi, h) ? x(rss[hi, h], rss[lo, h]) : "n/a",
		    x(cpu[hi, "floor"], cpu[lo, "floor"]),
		    x(median(fwcpu[hi]), median(fwcpu[lo]))
	}
}
