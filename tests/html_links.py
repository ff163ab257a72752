#!/usr/bin/env python3
"""html_links.py: the link half of tests/regress_html.sh.

    html_links.py links SITE [BASE_URL]
        For every HTML page of the built site SITE: every internal href,
        src and action names a file of the site, every #anchor names an
        id of its target page, every id reference (aria-labelledby,
        aria-describedby, aria-controls, label for) names an id of the
        page itself, and no id is defined twice.  With BASE_URL (the
        --base-url the site was built with), absolute links under it are
        internal too, and so are the URLs of feed.xml, sitemap.xml and
        feed.json.  Prints one line per page: "ok PATH" or
        "FAIL PATH: reasons".

    html_links.py svg SITE OUT
        Writes each inline <svg> element of each page to OUT/N.svg and
        prints "PATH N" per element, for xmllint.

Only the standard library, so the check runs wherever python3 does.
"""
import html.parser
import json
import os
import posixpath
import re
import sys
import urllib.parse

LINK_ATTRS = {
    "a": ("href",), "link": ("href",), "area": ("href",),
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"),
    "iframe": ("src",), "video": ("src", "poster"), "audio": ("src",),
    "form": ("action",), "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
}
IDREF_ATTRS = ("aria-labelledby", "aria-describedby", "aria-controls",
               "aria-owns", "for", "list")


class Page(html.parser.HTMLParser):
    """The ids, links and id references of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = {}
        self.dups = []
        self.links = []     # (tag, attr, value)
        self.idrefs = []    # (tag, attr, id)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                if value in self.ids and name == "id":
                    self.dups.append(value)
                self.ids[value] = tag
            if name in LINK_ATTRS.get(tag, ()):
                if name == "srcset":
                    for part in value.split(","):
                        if part.strip():
                            self.links.append((tag, name,
                                               part.split()[0]))
                else:
                    self.links.append((tag, name, value))
            if name in IDREF_ATTRS and not (tag == "meta"):
                for ref in value.split():
                    self.idrefs.append((tag, name, ref))

    handle_startendtag = handle_starttag


def html_pages(site):
    for top, dirs, files in os.walk(site):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".html"):
                yield os.path.relpath(os.path.join(top, f), site)


def parse(site, rel, cache):
    if rel not in cache:
        p = Page()
        with open(os.path.join(site, rel), encoding="utf-8") as fh:
            p.feed(fh.read())
        p.close()
        cache[rel] = p
    return cache[rel]


def resolve(site, page_rel, url, base):
    """The site-relative path a link names, None for an external link,
    or raise ValueError with the reason it is broken."""
    parts = urllib.parse.urlsplit(url)
    from_base = False
    if parts.scheme or parts.netloc:
        if parts.scheme.lower() in ("javascript", "vbscript"):
            raise ValueError("script URL")
        if base and url.startswith(base):
            rel = urllib.parse.urlsplit(url[len(base):]).path
            from_base = True
        elif base and parts.netloc and parts.netloc == \
                urllib.parse.urlsplit(base).netloc:
            raise ValueError("on the site's host but outside " + base)
        else:
            return None, parts.fragment
    else:
        if parts.path.startswith("/"):
            raise ValueError("root-relative: breaks under a path prefix "
                             "and from disk")
        if parts.path == "":
            return page_rel, parts.fragment
        rel = posixpath.join(posixpath.dirname(page_rel), parts.path)
    rel = urllib.parse.unquote(rel)
    norm = posixpath.normpath(rel) if rel else "."
    if norm == ".." or norm.startswith("../"):
        raise ValueError("leaves the site")
    full = os.path.join(site, norm)
    if os.path.isdir(full):
        # A web server answers a folder with its index.html; a browser
        # reading the site from disk does not, so relative links name the
        # file.
        if not from_base:
            raise ValueError("names a folder: does not work from disk")
        norm = posixpath.join(norm, "index.html") if norm != "." \
            else "index.html"
        full = os.path.join(site, norm)
    if not os.path.isfile(full):
        raise ValueError("no such file")
    return norm, parts.fragment


def check_links(site, base):
    cache = {}
    failed = 0
    for rel in html_pages(site):
        page = parse(site, rel, cache)
        problems = []
        for d in sorted(set(page.dups)):
            problems.append("id \"%s\" defined twice" % d)
        for tag, attr, ref in page.idrefs:
            if ref not in page.ids:
                problems.append("<%s %s> names missing id \"%s\""
                                % (tag, attr, ref))
        for tag, attr, url in page.links:
            try:
                target, frag = resolve(site, rel, url.strip(), base)
            except ValueError as e:
                problems.append("<%s %s=\"%s\">: %s" % (tag, attr, url, e))
                continue
            if target is None or not frag:
                continue
            frag = urllib.parse.unquote(frag)
            if not target.endswith(".html"):
                problems.append("<%s %s=\"%s\">: anchor into a non-page"
                                % (tag, attr, url))
            elif frag not in parse(site, target, cache).ids:
                problems.append("<%s %s=\"%s\">: no id \"%s\" in %s"
                                % (tag, attr, url, frag, target))
        if problems:
            failed += 1
            print("FAIL %s: %s" % (rel, "; ".join(problems[:10]) +
                                   (" (and %d more)" % (len(problems) - 10)
                                    if len(problems) > 10 else "")))
        else:
            print("ok %s (%d links)" % (rel, len(page.links)))
    if base:
        failed += check_documents(site, base)
    return failed


def check_documents(site, base):
    """Every URL under base in the feeds and the sitemap is a file."""
    failed = 0
    for name in ("feed.xml", "sitemap.xml", "feed.json"):
        path = os.path.join(site, name)
        if not os.path.isfile(path):
            print("FAIL %s: missing from a build with a base URL" % name)
            failed += 1
            continue
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        if name.endswith(".json"):
            urls = []

            def walk(v):
                if isinstance(v, dict):
                    for k, x in v.items():
                        if k in ("url", "home_page_url", "feed_url",
                                 "external_url") and isinstance(x, str):
                            urls.append(x)
                        else:
                            walk(x)
                elif isinstance(v, list):
                    for x in v:
                        walk(x)
            walk(json.loads(text))
        else:
            urls = [html.unescape(u) for u in
                    re.findall(r'(?:href="|<loc>|<id>)([^"<]+)', text)]
        urls = [u for u in urls if u.startswith(base)]
        problems = []
        for u in urls:
            try:
                resolve(site, "index.html", u, base)
            except ValueError as e:
                problems.append("%s: %s" % (u, e))
        if not urls:
            problems.append("no URL under " + base)
        if problems:
            failed += 1
            print("FAIL %s: %s" % (name, "; ".join(problems[:10])))
        else:
            print("ok %s (%d URLs)" % (name, len(urls)))
    return failed


def extract_svg(site, out):
    n = 0
    for rel in html_pages(site):
        with open(os.path.join(site, rel), encoding="utf-8") as fh:
            text = fh.read()
        for m in re.finditer(r"<svg\b.*?</svg>", text, re.S):
            n += 1
            with open(os.path.join(out, "%d.svg" % n), "w",
                      encoding="utf-8") as fh:
                fh.write(m.group(0))
            print("%s %d" % (rel, n))


def main(argv):
    if len(argv) >= 3 and argv[1] == "links":
        base = argv[3] if len(argv) > 3 else ""
        return 1 if check_links(argv[2], base) else 0
    if len(argv) == 4 and argv[1] == "svg":
        extract_svg(argv[2], argv[3])
        return 0
    sys.stderr.write("usage: html_links.py links SITE [BASE_URL] | "
                     "svg SITE OUT\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
