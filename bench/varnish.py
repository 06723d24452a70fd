"""The edge: Debian's varnishd running deploy/varnish/default.vcl on a free loopback port, in front of an app.

The benchmark's edge variant, the load test's crisis drill and tests/test_varnish_edge.py start it from here.
Its working folder (the -n folder with the shared log, the VCL with the app's address) is a temporary one,
removed when it stops; like gunicorn it dies with the harness (bench.server.die_with_the_harness).
"""

import glob
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import ROOT, BenchError
from bench.server import die_with_the_harness, fetch, free_port, start_service, status_of, stop_process

VCL = ROOT / "deploy" / "varnish" / "default.vcl"
# The VCL's backend lines (docker-compose's app service), replaced by the app's loopback address.
BACKEND_LINES = ('.host = "app";', '.port = "8000";')
# Varnish's cache under load (the benchmark, the crisis drill): every address's copy, many times over.
LOAD_STORAGE = "malloc,256m"


# What installs a Varnish that runs the repository's VCL: it imports xkey and var, from varnish-modules.
VARNISH_PACKAGES = "apt-get install varnish varnish-modules"
XKEY_VMODS = ("/usr/lib/*/varnish/vmods/libvmod_xkey.so", "/usr/lib/varnish/vmods/libvmod_xkey.so")


def varnishd_path():
    """Where varnishd is (Debian installs it in /usr/sbin, often not on a user's PATH), or None; None as well
    without the xkey vmod, as the VCL would not load."""
    found = shutil.which("varnishd") or ("/usr/sbin/varnishd" if os.path.exists("/usr/sbin/varnishd") else None)
    has_xkey = any(glob.glob(pattern) for pattern in XKEY_VMODS)
    return found if has_xkey else None


def require_varnishd():
    """The path of varnishd; BenchError when it or varnish-modules is not installed."""
    found = varnishd_path()
    if found is None:
        raise BenchError(f"varnishd with varnish-modules is not installed ({VARNISH_PACKAGES})")
    return found


def varnish_version():
    """varnishd's version (7.1.1) from `varnishd -V`, which writes it to standard error; BenchError without it."""
    result = subprocess.run([require_varnishd(), "-V"], capture_output=True, text=True)
    first_line = (result.stderr or result.stdout).splitlines()[0]  # varnishd (varnish-7.1.1 revision …)
    return first_line.split("varnish-", 1)[-1].split(" ")[0]


def cached_at(port, host, path):
    """Whether the Varnish on `port` answers this address from its cache (the VCL's X-Cache header)."""
    try:
        return fetch(port, host, path)[1].get("x-cache") == "hit"
    except OSError:
        return False


def vcl_for(backend_port):
    """The repository's VCL with the app at 127.0.0.1:backend_port instead of docker-compose's `app:8000`."""
    vcl = VCL.read_text()
    for line, replacement in zip(BACKEND_LINES, ('.host = "127.0.0.1";', f'.port = "{backend_port}";'), strict=True):
        if vcl.count(line) != 1:
            raise BenchError(f"{VCL} must keep its line {line} once: the harness and the tests replace it")
        vcl = vcl.replace(line, replacement)
    return vcl


class Varnish:
    """varnishd with the repository's VCL on a free loopback port, in front of the app at 127.0.0.1:backend_port."""

    def __init__(self, backend_port, storage="malloc,32m", varnishd=None):
        varnishd = varnishd or require_varnishd()
        self.port, self.admin_port = free_port(), free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="citycomms-varnish-"))
        self.folder.chmod(0o755)  # varnishd started as root works as its own user in here
        (self.folder / "edge.vcl").write_text(vcl_for(backend_port))
        command = [
            varnishd, "-F", "-a", f"127.0.0.1:{self.port}", "-T", f"127.0.0.1:{self.admin_port}",
            "-n", str(self.name), "-f", str(self.folder / "edge.vcl"), "-s", storage,
        ]  # fmt: skip
        with open(self.folder / "varnishd.log", "wb") as log:
            self.process = start_service(command, stdout=log, stderr=subprocess.STDOUT)

    @property
    def name(self):
        """varnishd's -n folder, which varnishadm and varnishncsa are pointed at."""
        return self.folder / "n"

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def wait_until_serving(self, timeout=20):
        """Return once /healthz answers 200 through Varnish; BenchError if varnishd exits or it takes too long."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = (self.folder / "varnishd.log").read_text(errors="replace")
                raise BenchError(f"varnishd exited with status {self.process.returncode}:\n{output}")
            if status_of(self.port, "localhost", "/healthz", timeout=5) == 200:
                return
            time.sleep(0.2)
        raise BenchError(f"varnishd did not answer /healthz within {timeout} s")

    def varnishadm(self, *arguments):
        command = ["varnishadm", "-n", str(self.name), *arguments]
        return subprocess.run(command, capture_output=True, text=True, timeout=10).stdout

    def stop(self):
        stop_process(self.process, timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass(frozen=True)
class BackendRequest:
    """A request Varnish meant for the app; `reached` is False when it did not send it (the app failed its health
    probe: Varnish answered 503 itself)."""

    sent: float  # time.time()
    host: str  # without the port
    url: str  # path and query
    status: int
    reached: bool


class BackendLog:
    """varnishncsa in backend mode: every request Varnish sends to the app (a miss's fetch, a background
    refresh, a pass), with the moment it was sent, in a file of the Varnish's folder until stop()."""

    # Seconds since the epoch with microseconds, the Host header, the URL with its query, the status, and the
    # app's address ("-" when Varnish did not connect to it).
    FORMAT = r"%{sec}t.%{usec_frac}t %{Host}i %U%q %s %h"

    def __init__(self, varnish):
        self.path = varnish.folder / "backend.log"
        command = ["varnishncsa", "-n", str(varnish.name), "-b", "-F", self.FORMAT, "-w", str(self.path)]
        self.process = subprocess.Popen([*die_with_the_harness(), *command], stderr=subprocess.PIPE, text=True)

    def stop(self):
        """Stop logging; varnishncsa writes out what it holds."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def requests(self):
        """The BackendRequests logged until stop()."""
        if not self.path.exists():
            raise BenchError(f"varnishncsa wrote no log:\n{self.process.stderr.read()}")
        requests = []
        for line in self.path.read_text().splitlines():
            sent, host, url, status, backend = line.split(" ")
            requests.append(BackendRequest(float(sent), host.split(":")[0], url, int(status), backend != "-"))
        return requests
