vcl 4.1;

# CityComms at the edge: Varnish in front of gunicorn (docker-compose.yml's `varnish` service).
#
# - Anonymous GET and HEAD requests are answered from the cache for as long as the app's Cache-Control says
#   (s-maxage; citycomms.http_caching decides it). Requests of signed-in readers (a session or CSRF cookie),
#   the admin, and everything but GET and HEAD go to the app untouched; other cookies are dropped.
# - Grace: a copy past its time is still served while one request fetches the new one (stale-while-revalidate),
#   and for as long as stale-if-error says while the app does not answer its health probe.
# - Purges: every copy the app lets the edge keep names its site in an `xkey` header (citycomms.edge.tag). On
#   every change the app sends `PURGE` with X-Soft-Purge, the keys of the sites that show the changed city:
#   varnish-modules' xkey expires those copies but keeps them in grace, so readers get the old page while one
#   background fetch brings the new one (no reader waits for the app after a publish); X-Purge-Keys drops them at
#   once, for a change that may take something away from the public. `BAN` with X-Ban-Host and
#   X-Ban-Url (two regular expressions) drops copies at once (Wagtail's purge of one URL); `PURGE` without
#   X-Soft-Purge drops one URL. Only the addresses in the `purgers` ACL may do any of these.
# - A copy the app made before a change but that reaches Varnish after the change's purge was not in the cache to
#   be purged: any fetch begun before the latest purge or ban is made again (vcl_backend_response).
#   xkey and var are in Debian's `varnish-modules` package and in the official Varnish image.
#
# bench/varnish.py (the benchmark's edge variant, the load test's crisis drill, tests/test_varnish_edge.py) runs
# this file with its own backend address; keep the `.host` and `.port` lines below.

import std;
import var;
import xkey;

backend app {
    .host = "app";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
    # /healthz answers without the database or the cache. Its Host must be one of DJANGO_ALLOWED_HOSTS.
    .probe = {
        .request = "GET /healthz HTTP/1.1"
            "Host: localhost"
            "Connection: close"
            "User-Agent: Varnish health probe";
        .interval = 1s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        # Healthy from the start: a sick backend gets no requests at all.
        .initial = 2;
    }
}

# Who may BAN and PURGE. Names are looked up when the VCL is loaded; a name in parentheses that does not
# resolve is left out instead of failing the load. Put your app servers' and task workers' addresses here.
acl purgers {
    "127.0.0.1";
    "::1";
    ("app");
    ("worker");
}

sub vcl_recv {
    if (req.method == "BAN" || req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        var.global_set("changed_at", "" + std.time2real(now, 0.0));
        if (req.method == "PURGE" && req.http.X-Soft-Purge) {
            return (synth(200, "Soft-purged " + xkey.softpurge(req.http.X-Soft-Purge)));
        }
        if (req.method == "PURGE" && req.http.X-Purge-Keys) {
            return (synth(200, "Purged " + xkey.purge(req.http.X-Purge-Keys)));
        }
        if (req.method == "PURGE") {
            return (purge);
        }
        call ban_by_host_and_url;
    }
    # While the app answers its probe, a stale copy is served only within stale-while-revalidate (30 s, as
    # CITYCOMMS_HTTP_CACHE_STALE_WHILE_REVALIDATE); when it does not, for as long as the copy's grace lasts
    # (stale-if-error).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 30s;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin(/|$)" || req.http.Authorization) {
        return (pass);
    }
    # A signed-in reader (or one who entered a page's password) has a session; a form's reader a CSRF token.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        return (pass);
    }
    # Anything else in Cookie (analytics, consent) changes nothing the app sends an anonymous reader.
    unset req.http.Cookie;
}

sub ban_by_host_and_url {
    if (!req.http.X-Ban-Host || req.http.X-Ban-Host ~ "\s" || req.http.X-Ban-Url ~ "\s") {
        return (synth(400, "X-Ban-Host (and X-Ban-Url) must be regular expressions without spaces"));
    }
    if (!req.http.X-Ban-Url) {
        set req.http.X-Ban-Url = "^/";
    }
    if (std.ban("obj.http.x-host ~ " + req.http.X-Ban-Host + " && obj.http.x-url ~ " + req.http.X-Ban-Url)) {
        return (synth(200, "Banned"));
    }
    return (synth(400, std.ban_error()));
}

sub vcl_backend_fetch {
    # A full answer, never a 304 for the stale copy: xkey indexes a copy by the keys of the answer it was made
    # from, and a copy refreshed by a 304 was left out of its index (a purge of its site then missed it).
    unset bereq.http.If-None-Match;
    unset bereq.http.If-Modified-Since;
    var.set_real("fetch_started", std.time2real(now, 0.0));
}

sub vcl_hash {
    # http and https pages differ (their absolute links); the proxy in front of Varnish says which this is.
    hash_data(req.http.X-Forwarded-Proto);
    # Then Varnish's own: the URL and the Host.
}

sub vcl_backend_response {
    # Where the copy came from, for bans the ban lurker can test without a request (see ban_by_host_and_url).
    set beresp.http.x-host = regsub(bereq.http.host, ":[0-9]+$", "");
    set beresp.http.x-url = bereq.url;
    # A background refresh that meets an error keeps the old copy in place (stale-if-error).
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Keep the copy for stale-if-error past its time; vcl_recv serves it that long only while the app is sick.
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1s"), beresp.grace);
    }
    # Keep what the public reads gzipped (the app sends pages, feeds, vCards and JSON as they are): compressed once
    # per copy, handed over as kept to every browser (they all send Accept-Encoding: gzip), unzipped only for a
    # client that does not take it. Never what is passed or private: a page with a signed-in reader's CSRF token
    # and their input is not compressed (BREACH).
    if (!bereq.uncacheable && !beresp.http.Content-Encoding
        && beresp.http.Cache-Control !~ "(private|no-store|no-cache)"
        && beresp.http.Content-Type ~ "^(text/|application/(json|xml|atom\+xml|rss\+xml|javascript))") {
        set beresp.do_gzip = true;
    }
    # A page the app made while a change landed (citycomms.cache.retired_since) may show what the change took away
    # (it may have made the page staff-only), and readers may be waiting for it who asked after the purge: ask again.
    if (beresp.http.X-Page-Cache == "outdated" && bereq.retries < 2) {
        return (retry);
    }
    # So may a page the app finished just before a change, if the change's purge came while it was on its way here:
    # it was not yet in the cache to be purged, and would stay for its s-maxage. Only what may be kept is asked
    # again (never a POST, nor anything passed to the app); when changes keep landing, kept for no time at all.
    if (!bereq.uncacheable && std.real(var.global_get("changed_at"), 0.0) >= var.get_real("fetch_started")) {
        if (bereq.retries < 2) {
            return (retry);
        }
        set beresp.ttl = 1ms;
        set beresp.grace = 0s;
        return (deliver);
    }
    # Such a page (s-maxage=0), when changes keep landing, goes to the readers who waited for it, and the next
    # request fetches the page again, its readers coalesced on that one fetch, rather than Varnish's built-in
    # hit-for-miss, which sends every reader to the app for two minutes. Not from grace either.
    if (beresp.ttl <= 0s && beresp.http.Cache-Control ~ "public" && !beresp.http.Set-Cookie) {
        set beresp.ttl = 1ms;
        set beresp.grace = 0s;
        return (deliver);
    }
}

sub vcl_deliver {
    unset resp.http.x-host;
    unset resp.http.x-url;
    unset resp.http.xkey;
    unset resp.http.X-Page-Cache;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
