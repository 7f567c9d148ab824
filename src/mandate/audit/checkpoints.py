"""Signed checkpoints of the audit chain, kept off the database, and the check of the chain against them.

The hash chain finds a record edited in place; the head (`AuditHead`: last id, count, last hash) finds records
deleted from the tail. Whoever owns the database can rewrite both — delete the tail and set the head back, or
edit a record and recompute every hash after it. A checkpoint is the chain's end (last id, count, last hash)
signed with an Ed25519 key whose private half the database never holds; the signed files are copied off the
machine. A later chain must still hold each checkpoint's record with the same hash and the same number of
records up to it, and no one without the private key can sign a checkpoint of a rewritten chain.
"""
import base64
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.utils.translation import gettext as _

from mandate.audit.models import AuditHead, AuditRecord
from mandate.audit.selectors import ChainBreak, record_matches

FORMAT = 1
GENESIS = "0" * 64


class CheckpointError(Exception):
    """A key or checkpoint file that cannot be used; the message says why."""


@dataclass(frozen=True)
class Checkpoint:
    last_id: int
    count: int
    hash: str
    signed_at: str
    file: str = ""


@dataclass
class ChainReport:
    """What `audit_check` found: altered records, and everything that does not agree with the head or a checkpoint."""

    count: int = 0
    last_id: int | None = None
    last_hash: str = GENESIS
    breaks: list[ChainBreak] = field(default_factory=list)
    missing: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.breaks and not self.problems


def _canonical(checkpoint: dict) -> bytes:
    return json.dumps(checkpoint, sort_keys=True, separators=(",", ":")).encode("utf-8")


def private_key_load(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        raise CheckpointError(_("%(path)s is not a readable PEM private key: %(error)s") % {"path": path, "error": error}) from error
    if not isinstance(key, Ed25519PrivateKey):
        raise CheckpointError(_("%(path)s is not an Ed25519 key") % {"path": path})
    return key


def public_key_load(path: Path) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(Path(path).read_bytes())
    except (OSError, ValueError, TypeError) as error:
        raise CheckpointError(_("%(path)s is not a readable PEM public key: %(error)s") % {"path": path, "error": error}) from error
    if not isinstance(key, Ed25519PublicKey):
        raise CheckpointError(_("%(path)s is not an Ed25519 key") % {"path": path})
    return key


def audit_check(checkpoints: list[Checkpoint] = ()) -> ChainReport:
    """Walk the chain once: each record against its hash and link, the end against the head and the checkpoints."""
    report = ChainReport()
    wanted = {checkpoint.last_id for checkpoint in checkpoints}
    seen: dict[int, tuple[str, int]] = {}  # checkpointed id → (its hash now, records up to it now)
    previous = GENESIS
    for entry in AuditRecord.objects.order_by("id").iterator(chunk_size=2000):
        report.breaks.extend(record_matches(entry, previous))
        previous = entry.hash
        report.count += 1
        report.last_id, report.last_hash = entry.pk, entry.hash
        if entry.pk in wanted:
            seen[entry.pk] = (entry.hash, report.count)
    _against_head(report)
    for checkpoint in checkpoints:
        _against_checkpoint(report, checkpoint, seen.get(checkpoint.last_id))
    return report


def _against_head(report: ChainReport) -> None:
    head = AuditHead.objects.filter(pk=1).first()
    if head is None:
        if report.count:
            report.problems.append(_("no chain head is stored, yet there are %(count)d records") % {"count": report.count})
        return
    if head.count > report.count:
        report.missing = max(report.missing, head.count - report.count)
        report.problems.append(_(
            "%(missing)d record(s) missing from the tail: the head says the chain ends at record %(head_id)s after "
            "%(head_count)d records; it ends at record %(last_id)s after %(count)d") % {
            "missing": head.count - report.count, "head_id": head.last_id, "head_count": head.count,
            "last_id": report.last_id, "count": report.count})
    elif head.count < report.count:
        report.problems.append(_("%(extra)d record(s) after the head: they were not written by the audit service") % {
            "extra": report.count - head.count})
    elif head.last_id != report.last_id or head.last_hash != report.last_hash:
        report.problems.append(_("the head does not name the last record (record %(head_id)s, the chain ends at %(last_id)s)")
                               % {"head_id": head.last_id, "last_id": report.last_id})


def _against_checkpoint(report: ChainReport, checkpoint: Checkpoint, now: tuple[str, int] | None) -> None:
    where = {"file": checkpoint.file, "id": checkpoint.last_id, "count": checkpoint.count}
    if now is None:
        if report.last_id is None or checkpoint.last_id > report.last_id:
            missing = checkpoint.count - report.count
            report.missing = max(report.missing, missing)
            report.problems.append(_(
                "%(file)s: record %(id)s, signed as the end of %(count)d records, is gone; at least %(missing)d record(s) "
                "missing from the tail") % {**where, "missing": missing})
        else:
            report.problems.append(_("%(file)s: record %(id)s, signed as the end of %(count)d records, is gone") % where)
        return
    digest, count = now
    if digest != checkpoint.hash:
        report.problems.append(_(
            "%(file)s: record %(id)s no longer has the signed hash: the chain up to it was rewritten") % where)
    elif count != checkpoint.count:
        report.problems.append(_("%(file)s: %(now)d records up to record %(id)s, %(count)d were signed") % {**where, "now": count})


def checkpoint_sign(*, key: Ed25519PrivateKey, now: dt.datetime) -> dict:
    """A signed checkpoint of the chain as it ends now; refused when the chain itself does not verify."""
    report = audit_check()
    if not report.intact:
        raise CheckpointError(_("the audit trail does not verify; no checkpoint is signed over it"))
    checkpoint = {"format": FORMAT, "last_id": report.last_id or 0, "count": report.count, "hash": report.last_hash,
                  "signed_at": now.astimezone(dt.UTC).isoformat(timespec="seconds")}
    return {"checkpoint": checkpoint, "signature": base64.b64encode(key.sign(_canonical(checkpoint))).decode("ascii")}


def checkpoint_write(*, signed: dict, directory: Path) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    checkpoint = signed["checkpoint"]
    stamp = checkpoint["signed_at"].replace("-", "").replace(":", "").replace("+0000", "Z")
    path = directory / f"checkpoint-{checkpoint['count']:012d}-{stamp}.json"
    with open(path, "x", encoding="utf-8") as file:  # never over an earlier checkpoint
        file.write(json.dumps(signed, indent=2, sort_keys=True) + "\n")
    return path


def checkpoints_read(*, directory: Path, key: Ed25519PublicKey) -> tuple[list[Checkpoint], list[str]]:
    """The checkpoints in `directory` whose signature verifies, and a problem for each file that does not."""
    checkpoints, problems = [], []
    files = sorted(Path(directory).glob("*.json"))
    if not files:
        problems.append(_("no checkpoint files in %(directory)s") % {"directory": directory})
    for path in files:
        try:
            signed = json.loads(path.read_text(encoding="utf-8"))
            checkpoint, signature = signed["checkpoint"], base64.b64decode(signed["signature"], validate=True)
            key.verify(signature, _canonical(checkpoint))
            checkpoints.append(Checkpoint(last_id=int(checkpoint["last_id"]), count=int(checkpoint["count"]),
                                          hash=str(checkpoint["hash"]), signed_at=str(checkpoint["signed_at"]), file=path.name))
        except InvalidSignature:
            problems.append(_("%(file)s: its signature does not verify with the public key") % {"file": path.name})
        except (OSError, ValueError, KeyError, TypeError) as error:
            problems.append(_("%(file)s: not a checkpoint (%(error)s)") % {"file": path.name, "error": error})
    return checkpoints, problems
