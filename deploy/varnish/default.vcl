vcl 4.1;

# CityComms at the edge: Varnish in front of gunicorn (docker-compose.yml's `varnish` service).
#
# - Anonymous GET and HEAD requests are answered from the cache for as long as the app's Cache-Control says
#   (s-maxage; citycomms.http_caching decides it). Requests of signed-in readers (a session or CSRF cookie),
#   the admin, and everything but GET and HEAD go to the app untouched; other cookies are dropped.
# - Grace: a copy past its time is still served while one request fetches the new one (stale-while-revalidate),
#   and for as long as stale-if-error says while the app does not answer its health probe.
# - Bans: the app (citycomms.edge) sends `BAN` with X-Ban-Host and X-Ban-Url, two regular expressions, on every
#   change; only the addresses in the `purgers` ACL may. `PURGE` drops one URL (Wagtail's HTTP backend).
#
# bench/varnish.py (the benchmark's edge variant, the load test's crisis drill, tests/test_varnish_edge.py) runs
# this file with its own backend address; keep the `.host` and `.port` lines below.

import std;

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
    # A page the app made while a change landed comes with s-maxage=0 (citycomms.cache.retired_since): keep it only
    # to serve while the next request fetches it again, coalesced (stale-while-revalidate), rather than as Varnish's
    # built-in hit-for-miss, which sends every reader to the app until a fetch comes back.
    if (beresp.ttl <= 0s && beresp.http.Cache-Control ~ "public"
        && beresp.http.Cache-Control ~ "stale-while-revalidate=[1-9]" && !beresp.http.Set-Cookie) {
        # Varnish never serves a copy whose ttl is 0, not even in grace: a millisecond makes it stale at once.
        set beresp.ttl = 1ms;
        return (deliver);
    }
}

sub vcl_deliver {
    unset resp.http.x-host;
    unset resp.http.x-url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
