# The shared page cache's rules (Varnish 7.1, VCL 4.1, Debian bookworm's varnish +
# varnish-modules). default.vcl adds the backend and includes this file; the tests in tests/
# include it with a scripted backend, so what is tested is exactly what runs.
#
# Principle: Varnish keeps only what the app marks for shared caches, and nothing a signed-in
# person or Next's client router asks for. The app is the one that knows; Varnish does not
# guess from URLs beyond the few paths that are never public.
vcl 4.1;

import std;
import xkey;
import cookie;

# Who may purge: this machine and the app instances. In docker-compose.yml the instances reach
# Varnish over the `purge` network (172.30.54.0/24), which nginx is not on, so a request relayed
# by nginx never comes from an allowed address (nginx also refuses the PURGE method).
acl purgers {
    "127.0.0.1";
    "::1";
    "172.30.54.0"/24;
}

sub vcl_recv {
    # Tag purge, sent by the app's invalidation listener after every instance has refreshed:
    #   PURGE / with `xkey-purge: report:<id> committee:<slug> home feed` (hard: gone at once)
    #   or `xkey-softpurge: …` (soft: expired but kept for grace, see README "Production shape").
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        } elsif (req.http.xkey-softpurge) {
            set req.http.x-purged = xkey.softpurge(req.http.xkey-softpurge);
        } else {
            return (synth(400, "PURGE needs an xkey-purge or xkey-softpurge header"));
        }
        return (synth(200, "Purged"));
    }

    if (req.method !~ "^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$") {
        return (synth(405, "Method Not Allowed"));
    }
    # Writes, server actions (POST with a next-action header) and everything else that is not
    # a read go to the app untouched.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # The back office, sign-in and every API (next-auth, autosave, health) are never shared.
    if (req.url ~ "^/(studio|signin|api)([/?#]|$)") {
        return (pass);
    }

    # Next's client router: RSC payloads, prefetches and server actions are per navigation
    # state; the app does not mark them for shared caches, so they are not looked up at all.
    if (req.http.rsc || req.http.next-router-state-tree || req.http.next-router-prefetch ||
        req.http.next-router-segment-prefetch || req.http.x-middleware-prefetch ||
        req.http.next-action || req.http.purpose ~ "(?i)^prefetch$" ||
        req.url ~ "[?&]_rsc=") {
        return (pass);
    }

    if (req.http.authorization) {
        return (pass);
    }

    # Tracking cookies (Google Analytics, Baidu Tongji, Matomo, CNZZ/Umeng) mean nothing to the
    # app: drop them so they neither reach it nor make a request look personal. Other cookies
    # (the next-auth session) stay: a miss sends them on, and the response is kept only if the
    # app marks it for shared caches and sets no cookie — Next marks a page that reads the
    # session private, so a signed-in reader gets the shared public page or their own, never
    # someone else's. This is the rule the built-in front cache (lib/front/) already follows.
    if (req.http.cookie) {
        cookie.parse(req.http.cookie);
        cookie.filter_re("^(_ga|_gid|_gat|_gcl_|Hm_lvt_|Hm_lpvt_|_pk_|CNZZDATA|UM_distinctid)");
        # get_string() ends the list with ";" — trimmed so that an emptied header is "".
        set req.http.cookie = regsub(cookie.get_string(), ";\s*$", "");
        if (req.http.cookie == "") {
            unset req.http.cookie;
        }
    }

    # Serve a stale copy for a moment while a fresh one is fetched; for longer only when no
    # instance answers (the probe in default.vcl). Purges remove objects with their grace.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }

    # A reader who does not take gzip gets a copy of their own, fetched and kept uncompressed:
    # otherwise Varnish keeps one gzip copy and unzips it on every such answer (measured: 45 to
    # 464 µs of CPU per answer instead of 22 to 30, and 0.15 to 0.64x nginx's rate).
    if (req.http.accept-encoding !~ "(?i)\bgzip\b") {
        set req.http.x-identity = "1";
    } else {
        unset req.http.x-identity;
    }

    # Not the built-in vcl_recv: it would pass every request that carries a cookie.
    return (hash);
}

sub vcl_hash {
    if (req.http.x-identity) {
        hash_data("identity");
    }
    # The built-in vcl_hash follows: URL and host.
}

sub vcl_backend_fetch {
    # Varnish asks the app for gzip on every fetch; not for the uncompressed copy.
    if (bereq.http.x-identity) {
        unset bereq.http.accept-encoding;
    }
    unset bereq.http.x-identity;
}

sub vcl_backend_response {
    # What the app says to shared caches. CDN-Cache-Control (RFC 9213) speaks to them only and,
    # when present, replaces Cache-Control for them; neither Varnish nor nginx reads it by
    # itself. Without it, a response is shared only with `s-maxage` or `public, max-age`, like
    # the front cache (lib/front/page-cache.ts): a bare max-age is the browser's.
    if (beresp.http.cdn-cache-control) {
        set beresp.http.x-shared-cc = beresp.http.cdn-cache-control;
    } elsif (beresp.http.cache-control ~ "(?i)(^|,)\s*s-maxage\s*=" ||
             (beresp.http.cache-control ~ "(?i)(^|,)\s*public\s*(,|$)" &&
              beresp.http.cache-control ~ "(?i)(^|,)\s*max-age\s*=")) {
        set beresp.http.x-shared-cc = beresp.http.cache-control;
    } else {
        set beresp.http.x-shared-cc = "no-store";
    }

    if (beresp.status != 200 ||
        beresp.http.set-cookie ||
        beresp.http.vary ~ "^\s*\*\s*$" ||
        beresp.http.x-shared-cc ~ "(?i)(^|,)\s*(private|no-store|no-cache)\s*(,|=|$)" ||
        # Next answers with a stale page while it regenerates (stale-while-revalidate); that one
        # is passed on but not kept, so the regenerated page is what gets stored.
        beresp.http.x-nextjs-cache ~ "(?i)^stale$") {
        unset beresp.http.x-shared-cc;
        # Hit-for-miss: later requests still reach the app, and a cacheable answer replaces it.
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        return (deliver);
    }

    if (beresp.http.x-shared-cc ~ "(?i)(^|,)\s*s-maxage\s*=") {
        set beresp.ttl = std.duration(regsub(beresp.http.x-shared-cc, "(?i)^(.*,)?\s*s-maxage\s*=\s*\x22?(\d+).*$", "\2s"), 0s);
    } else {
        set beresp.ttl = std.duration(regsub(beresp.http.x-shared-cc, "(?i)^(.*,)?\s*max-age\s*=\s*\x22?(\d+).*$", "\2s"), 0s);
    }
    unset beresp.http.x-shared-cc;
    if (beresp.ttl <= 0s) {
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        return (deliver);
    }
    # Next's stale-while-revalidate asks for a year of grace; an hour of serving stale pages
    # while every instance is down is plenty (vcl_recv keeps it to 10 s while they are up).
    set beresp.grace = 1h;
    # Not the built-in vcl_backend_response: it reads Cache-Control, which may say no-store to
    # browsers while CDN-Cache-Control allows shared caching (search results).
    return (deliver);
}

sub vcl_deliver {
    # The tags are for this cache only; readers need not see what a page is made of.
    unset resp.http.xkey;
    # CDN-Cache-Control has been acted on here; a shared cache in front of this one would keep
    # the page without ever being purged. Cache-Control, for browsers, is left as the app sent it.
    unset resp.http.cdn-cache-control;
    if (obj.uncacheable) {
        set resp.http.x-cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.x-cache = "HIT";
    } else {
        set resp.http.x-cache = "MISS";
    }
}

sub vcl_synth {
    if (req.method == "PURGE" && resp.status == 200) {
        set resp.http.xkey-purged = req.http.x-purged;
    }
}
