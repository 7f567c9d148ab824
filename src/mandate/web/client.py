"""Who is on the other end of a request: the client's address, taken from X-Forwarded-For only behind a trusted proxy.

A forwarded header is the client's to forge, so it is believed only when the connection itself comes from one of
MANDATE_TRUSTED_PROXIES (addresses or networks; none by default). Behind nginx on the same machine that is
127.0.0.1: the header's hops are then read from the right, skipping the trusted proxies, and the first address
that is not one of them is the client's.
"""
import functools
import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "unknown"


@functools.cache
def _networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip().removeprefix("[").split("]")[0])
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's IP address as text (REMOTE_ADDR unless it is a trusted proxy's), or "unknown"."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    networks = _networks(tuple(settings.MANDATE_TRUSTED_PROXIES))
    if not _trusted(remote, networks):
        return str(remote) if remote is not None else UNKNOWN
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    client = remote
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # a hop that is not an address: believe nothing to its left
        client = address
        if not _trusted(address, networks):
            break
    return str(client)
